using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// The image a TIFF holds, as tifffile reports its first series: the stack of pages that share
/// one layout, with axes recovered from ImageJ or OME-XML metadata or the array shape tifffile
/// declares (else a generic page axis <c>Q</c>), and the voxel size the file declares. Axis
/// letters: T time, Z depth, C channel, Q unnamed page axis, S samples of a pixel, Y rows, X columns.
/// </summary>
internal sealed class TiffSeries
{
    internal TiffSeries(IReadOnlyList<TiffPage> pages, int[] shape, string axes, VoxelSize voxelSize, ImageJMetadata? imageJ, OmeMetadata? ome)
    {
        Pages = pages;
        Shape = shape;
        Axes = axes;
        VoxelSize = voxelSize;
        ImageJ = imageJ;
        Ome = ome;
    }

    public IReadOnlyList<TiffPage> Pages { get; }

    /// <summary>Extents in C order (slowest first), e.g. [31, 2, 61, 57] for "ZCYX".</summary>
    public int[] Shape { get; }

    public string Axes { get; }

    public PixelType PixelType => Pages[0].PixelType;

    public VoxelSize VoxelSize { get; }

    public ImageJMetadata? ImageJ { get; }

    public OmeMetadata? Ome { get; }

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public int SizeOf(char axis)
    {
        var i = Axes.IndexOf(axis);
        return i < 0 ? 1 : Shape[i];
    }

    internal static TiffSeries From(TiffSource source, IReadOnlyList<TiffPage> allPages)
    {
        var first = allPages[0];
        var pages = allPages.Where(p => p == first || (!p.IsReducedResolution && p.HasSameLayoutAs(first))).ToList();
        var (pageShape, pageAxes) = first.SamplesPerPixel == 1
            ? (new[] { first.Height, first.Width }, "YX")
            : first.IsPlanarSeparate
                ? (new[] { first.SamplesPerPixel, first.Height, first.Width }, "SYX")
                : (new[] { first.Height, first.Width, first.SamplesPerPixel }, "YXS");

        var imageJ = ImageJMetadata.Parse(first.Description);
        var ome = imageJ is null ? OmeMetadata.Parse(first.Description) : null;
        var tifffile = imageJ is null && ome is null ? TifffileShape.Parse(first.Description) : null;
        if (imageJ is not null && imageJ.Images > 1 && pages.Count == 1 && first.IsContiguousUncompressed)
            pages = ImageJContiguousPages(source, first, imageJ.Images);

        // Metadata describing fewer pages than the file holds (e.g. one image of several): keep the described ones.
        long described = imageJ is not null ? (long)imageJ.Channels * imageJ.Slices * imageJ.Frames
            : ome is not null ? (long)ome.SizeZ * ome.SizeC * ome.SizeT : pages.Count;
        if (described > 1 && described < pages.Count) pages = pages.Take((int)described).ToList();
        // tifffile appends further arrays as further series: series 0 is the pages its shape fills.
        if (tifffile is not null && PagesFilledBy(tifffile, first) is { } filled && filled >= 1 && filled < pages.Count)
            pages = pages.Take((int)filled).ToList();

        var voxelSize = VoxelSizeFromMetadata(first, imageJ, ome);
        if (tifffile?.LayoutOf(pages.Count, first) is var (declaredShape, declaredAxes))
            return new TiffSeries(pages, declaredShape, declaredAxes, voxelSize, imageJ, ome);

        var leading = LeadingAxesFromImageJ(imageJ, pages.Count) ?? LeadingAxesFromOme(ome, first, pages.Count);
        if (leading is null)
            leading = pages.Count > 1 ? [('Q', pages.Count)] : [];

        var shape = leading.Select(a => a.Size).Concat(pageShape).ToArray();
        var axes = new string(leading.Select(a => a.Axis).ToArray()) + pageAxes;
        return new TiffSeries(pages, shape, axes, voxelSize, imageJ, ome);
    }

    /// <summary>How many pages like <paramref name="first"/> the declared array fills; null when it fills no whole number of them.</summary>
    private static long? PagesFilledBy(TifffileShape declared, TiffPage first)
    {
        long pageElements = (long)first.Height * first.Width * first.SamplesPerPixel;
        return pageElements > 0 && declared.ElementCount % pageElements == 0 ? declared.ElementCount / pageElements : null;
    }

    /// <summary>ImageJ's layout for stacks over 4 GiB: one IFD, then every image back to back, uncompressed.</summary>
    private static List<TiffPage> ImageJContiguousPages(TiffSource source, TiffPage first, int images)
    {
        var pageBytes = (ulong)first.PageBytes;
        var end = first.ChunkOffsets[0] + pageBytes * (ulong)images;
        if (end > (ulong)source.Length)
            throw source.Error($"ImageJ metadata declares {images} images of {pageBytes} bytes, but the file ends at byte {source.Length} (truncated stack)");
        return Enumerable.Range(0, images).Select(i => i == 0 ? first : first.ShiftedCopy(i, pageBytes * (ulong)i)).ToList();
    }

    /// <summary>ImageJ orders pages channel-fastest, then slice, then frame: axes T, Z, C (size-1 axes dropped).</summary>
    private static List<(char Axis, int Size)>? LeadingAxesFromImageJ(ImageJMetadata? ij, int pageCount)
    {
        if (ij is null) return null;
        if ((long)ij.Channels * ij.Slices * ij.Frames != pageCount) return null;
        var axes = new List<(char, int)>();
        if (ij.Frames > 1) axes.Add(('T', ij.Frames));
        if (ij.Slices > 1) axes.Add(('Z', ij.Slices));
        if (ij.Channels > 1) axes.Add(('C', ij.Channels));
        return axes;
    }

    /// <summary>OME's DimensionOrder lists axes fastest first; pages follow the three after X and Y.</summary>
    private static List<(char Axis, int Size)>? LeadingAxesFromOme(OmeMetadata? ome, TiffPage first, int pageCount)
    {
        if (ome is null || ome.SizeX != first.Width || ome.SizeY != first.Height) return null;
        if ((long)ome.SizeZ * ome.SizeC * ome.SizeT != pageCount) return null;
        var axes = new List<(char, int)>();
        foreach (var letter in ome.DimensionOrder[2..].Reverse())
        {
            var size = letter switch { 'Z' => ome.SizeZ, 'C' => ome.SizeC, 'T' => ome.SizeT, _ => 1 };
            // A Z calibration on a one-slice image marks a volume one slice deep (as SegMeasure writes it).
            if (size > 1 || (letter == 'Z' && ome.PhysicalSizeZ is not null)) axes.Add((letter, size));
        }

        return axes;
    }

    private static VoxelSize VoxelSizeFromMetadata(TiffPage first, ImageJMetadata? ij, OmeMetadata? ome)
    {
        if (ij is not null)
        {
            var unit = LengthUnits.Normalize(ij.Unit);
            if (unit is null || unit == "pixel") return VoxelSize.Uncalibrated;
            double x = Reciprocal(first.XResolution) ?? 1.0;
            double y = Reciprocal(first.YResolution) ?? x;
            return new VoxelSize(ij.Spacing ?? 1.0, y, x, unit);
        }

        // Only a Z size "in pixels" (an uncalibrated volume marking its Z axis) is no calibration.
        bool zOnlyInPixels = ome?.PhysicalSizeX is null && ome?.PhysicalSizeY is null && LengthUnits.Normalize(ome?.PhysicalSizeZUnit) == "pixel";
        if (ome is not null && !zOnlyInPixels && (ome.PhysicalSizeX is not null || ome.PhysicalSizeY is not null || ome.PhysicalSizeZ is not null))
        {
            var unit = LengthUnits.Normalize(ome.PhysicalSizeXUnit) ?? "micron";
            double In(double? v, string from) => v is null ? 1.0 : LengthUnits.Convert(v.Value, LengthUnits.Normalize(from) ?? unit, unit);
            return new VoxelSize(In(ome.PhysicalSizeZ, ome.PhysicalSizeZUnit), In(ome.PhysicalSizeY, ome.PhysicalSizeYUnit), In(ome.PhysicalSizeX, ome.PhysicalSizeXUnit), unit);
        }

        // Plain resolution tags are physical only in centimetres; inch values are nearly always
        // a screen or print density (72 dpi) rather than a microscope calibration.
        if (first.ResolutionUnit == 3 && Reciprocal(first.XResolution) is { } cmX)
        {
            var cmY = Reciprocal(first.YResolution) ?? cmX;
            return new VoxelSize(1.0, cmY * 1e4, cmX * 1e4, "micron");
        }

        return VoxelSize.Uncalibrated;
    }

    private static double? Reciprocal(double? resolution) =>
        resolution is { } r && double.IsFinite(r) && r > 0 ? 1.0 / r : null;
}
