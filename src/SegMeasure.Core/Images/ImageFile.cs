using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// Reads and writes the images SegMeasure works on. TIFF is the format; this facade is what
/// measurement, post-processing and the front ends call, so none of them touch the codec.
/// Axes follow <see cref="VolumeLayout"/>: pages, ImageJ slices or OME SizeZ become Z; a time axis
/// of more than one time point is read frame by frame (<see cref="ReadIntensityFrames"/>) and
/// refused everywhere else.
/// </summary>
public static class ImageFile
{
    /// <summary>Reads a label image (any integer or integral float type); voxel size from the file's metadata.
    /// Negative, fractional or too-large values and multi-channel files are refused.</summary>
    public static LabelImage ReadLabels(string path) => ReadLabels(path, null, default);

    public static LabelImage ReadLabels(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pixels = ImagePixels.Read(path, progress, cancellationToken);
        var layout = VolumeLayout.From(pixels.Shape, pixels.Axes, path);
        if (layout.Channels > 1)
            throw new InvalidLabelException($"the file has {layout.Channels} channels ({pixels.Axes}, shape {string.Join("x", pixels.Shape)}); a label image has one"
                + (pixels.Axes.Contains('S') && layout.Channels is 3 or 4
                    ? ". tifffile stores a stack of 3 or 4 slices as colour planes unless told otherwise: write it with photometric='minisblack'"
                    : ""), path);
        var shape = layout.Shape;
        var voxel = pixels.VoxelSize;
        var type = pixels.PixelType;
        // Dispatch on the declared type, not on the array's runtime type: the CLR lets a short[]
        // pass as a ushort[] (and int[] as uint[]), which would hide negative labels.
        var data = pixels.Data;
        return type switch
        {
            PixelType.UInt32 => new LabelImage(layout.Extract((uint[])data, 0), shape, voxel, type),
            PixelType.UInt8 => LabelImage.FromSamples(layout.Extract((byte[])data, 0), shape, type, voxel, path),
            PixelType.Int8 => LabelImage.FromSamples(layout.Extract((sbyte[])data, 0), shape, type, voxel, path),
            PixelType.UInt16 => LabelImage.FromSamples(layout.Extract((ushort[])data, 0), shape, type, voxel, path),
            PixelType.Int16 => LabelImage.FromSamples(layout.Extract((short[])data, 0), shape, type, voxel, path),
            PixelType.Int32 => LabelImage.FromSamples(layout.Extract((int[])data, 0), shape, type, voxel, path),
            PixelType.UInt64 => LabelImage.FromSamples(layout.Extract((ulong[])data, 0), shape, type, voxel, path),
            PixelType.Int64 => LabelImage.FromSamples(layout.Extract((long[])data, 0), shape, type, voxel, path),
            PixelType.Float32 => LabelImage.FromSamples(layout.Extract((float[])data, 0), shape, type, voxel, path),
            PixelType.Float64 => LabelImage.FromSamples(layout.Extract((double[])data, 0), shape, type, voxel, path),
            _ => throw new TiffFormatException($"unsupported sample type {type}", path, ErrorKind.NotSupported),
        };
    }

    /// <summary>Reads an intensity image, keeping its sample type; a channel axis (C, or samples per pixel) becomes channels.</summary>
    public static IntensityImage ReadIntensity(string path) => ReadIntensity(path, null, default);

    public static IntensityImage ReadIntensity(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pixels = ImagePixels.Read(path, progress, cancellationToken);
        return IntensityFrame(pixels, VolumeLayout.From(pixels.Shape, pixels.Axes, path), 0, path);
    }

    /// <summary>Reads an intensity image frame by frame: one image per time point of a T axis (one image when there is none).</summary>
    public static IReadOnlyList<IntensityImage> ReadIntensityFrames(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pixels = ImagePixels.Read(path, progress, cancellationToken);
        var layout = VolumeLayout.From(pixels.Shape, pixels.Axes, path, framesAllowed: true);
        return Enumerable.Range(0, layout.Frames).Select(t => IntensityFrame(pixels, layout, t, path)).ToArray();
    }

    private static IntensityImage IntensityFrame(TiffPixels pixels, VolumeLayout layout, int frame, string path)
    {
        var channels = new Array[layout.Channels];
        for (int c = 0; c < channels.Length; c++)
        {
            var data = pixels.Data;
            channels[c] = pixels.PixelType switch
            {
                PixelType.UInt8 => layout.Extract((byte[])data, c, frame),
                PixelType.Int8 => layout.Extract((sbyte[])data, c, frame),
                PixelType.UInt16 => layout.Extract((ushort[])data, c, frame),
                PixelType.Int16 => layout.Extract((short[])data, c, frame),
                PixelType.UInt32 => layout.Extract((uint[])data, c, frame),
                PixelType.Int32 => layout.Extract((int[])data, c, frame),
                PixelType.UInt64 => layout.Extract((ulong[])data, c, frame),
                PixelType.Int64 => layout.Extract((long[])data, c, frame),
                PixelType.Float32 => layout.Extract((float[])data, c, frame),
                PixelType.Float64 => layout.Extract((double[])data, c, frame),
                _ => throw new TiffFormatException($"unsupported sample type {pixels.PixelType}", path, ErrorKind.NotSupported),
            };
        }

        return new IntensityImage(channels, layout.Shape, pixels.PixelType, pixels.VoxelSize);
    }

    /// <summary>Writes a label image: to a temporary file renamed into place, refusing to overwrite unless asked.
    /// A path ending in .zarr, or IMAGE.zarr/labels/NAME, is written as OME-Zarr (<see cref="Zarr.OmeZarrWriter"/>).</summary>
    public static void WriteLabels(string path, LabelImage image, TiffWriteOptions? options = null)
    {
        if (Zarr.OmeZarrWriter.IsZarrOutput(path)) Zarr.OmeZarrWriter.WriteLabels(path, image, options ?? new TiffWriteOptions());
        else TiffWriter.WriteLabels(path, image, options);
    }

    /// <summary>Writes the label images of a time series (one per time point, all of one shape) as one TIFF with a
    /// T axis: OME-XML with SizeT, pages in T order. One frame is written as <see cref="WriteLabels"/> writes it.</summary>
    public static void WriteLabelFrames(string path, IReadOnlyList<LabelImage> frames, TiffWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 1)
        {
            WriteLabels(path, frames[0], options);
            return;
        }

        if (Zarr.OmeZarrWriter.IsZarrOutput(path))
            throw new SegMeasureException("SegMeasure.NotSupported", ErrorKind.NotSupported,
                $"{path}: label images with a time axis are written as OME-TIFF (*.ome.tif); OME-Zarr output takes one time point", path);
        TiffWriter.WriteLabelFrames(path, frames, options, cancellationToken);
    }

    /// <summary>Writes an intensity image in its own sample type, with the same safety as <see cref="WriteLabels"/>.</summary>
    public static void WriteIntensity(string path, IntensityImage image, TiffWriteOptions? options = null) => TiffWriter.WriteIntensity(path, image, options);
}
