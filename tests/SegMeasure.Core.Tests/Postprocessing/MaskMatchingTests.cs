using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Postprocessing;

public class MaskMatchingTests
{
    private const int H = 30, W = 40;

    private static void Fill(uint[] image, uint id, int y0, int y1, int x0, int x1)
    {
        for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            image[y * W + x] = id;
    }

    /// <summary>
    /// Cytosol 10 holds nucleus 1 (a pair); cytosol 20 holds nuclei 2 and 3 (multinucleated);
    /// cytosol 30 holds nothing; nucleus 4 lies in no cytosol; nucleus 5 (20 voxels) has 19
    /// inside cytosol 40 (0.95, a match); nucleus 6 (10 voxels) has 9 inside cytosol 50 (0.9).
    /// </summary>
    private static (LabelImage Nuclei, LabelImage Cytosol) Scene()
    {
        var nuclei = new uint[H * W];
        var cytosol = new uint[H * W];
        Fill(cytosol, 10, 0, 8, 0, 8);
        Fill(nuclei, 1, 2, 5, 2, 5);
        Fill(cytosol, 20, 0, 8, 10, 20);
        Fill(nuclei, 2, 1, 3, 11, 13);
        Fill(nuclei, 3, 5, 7, 15, 18);
        Fill(cytosol, 30, 0, 8, 22, 28);
        Fill(nuclei, 4, 2, 4, 30, 33);
        Fill(cytosol, 40, 10, 20, 0, 10);
        Fill(nuclei, 5, 12, 14, 9, 19); // 20 voxels, x=9 inside (2) ... adjusted below
        Fill(cytosol, 50, 22, 30, 20, 30);
        Fill(nuclei, 6, 25, 26, 20, 30); // 10 voxels in row 25
        cytosol[25 * W + 29] = 0;        // one voxel of nucleus 6 outside: 0.9
        return (new LabelImage(nuclei, ImageShape.Of2D(H, W), storedType: PixelType.UInt8),
                new LabelImage(cytosol, ImageShape.Of2D(H, W), storedType: PixelType.UInt16));
    }

    [Fact]
    public void Keeps_mononucleated_cells_and_reports_every_drop_with_its_reason()
    {
        var (nuclei, cytosol) = Scene();
        // Nucleus 5: 2 rows x 10 columns at x=9..18; cytosol 40 spans x<10, so only 2 voxels inside.
        // Make 19 of its 20 voxels inside by widening cytosol 40 over x=10..18 except one voxel.
        for (int y = 12; y < 14; y++)
        for (int x = 10; x < 19; x++)
            cytosol.Data[y * W + x] = 40;
        cytosol.Data[13 * W + 18] = 0;

        var nucleiBefore = (uint[])nuclei.Data.Clone();
        var result = MaskMatching.Match(nuclei, cytosol);

        Assert.Equal(2, result.Pairs);
        var matches = result.Matches;
        Assert.Equal(new long?[] { 1, 5 }, ((IntegerColumn)matches["nucleus_label"]).Values);
        Assert.Equal(new long?[] { 10, 40 }, ((IntegerColumn)matches["cytosol_label"]).Values);
        // Pair k has id k in both outputs, on exactly the voxels of its inputs.
        for (int i = 0; i < H * W; i++)
        {
            Assert.Equal(nuclei.Data[i] switch { 1 => 1u, 5 => 2u, _ => 0u }, result.Nuclei.Data[i]);
            Assert.Equal(cytosol.Data[i] switch { 10 => 1u, 40 => 2u, _ => 0u }, result.Cytosol.Data[i]);
        }

        var report = result.Report;
        Assert.Equal(1, report.CountFor(MaskMatching.Multinucleated));
        Assert.Equal(2, report.CountFor(MaskMatching.InMultinucleatedCell));
        Assert.Equal(2, report.CountFor(MaskMatching.NoNucleus));   // 30, and 50 whose nucleus fell short
        Assert.Equal(2, report.CountFor(MaskMatching.NoCytosol));   // 4 (nothing) and 6 (0.9 < 0.95)
        Assert.Equal(7, report.RejectedCount);
        var labels = ((IntegerColumn)report.Rejections["label"]).Values;
        var masks = (TextColumn)report.Rejections["mask"];
        var overlap = (DoubleColumn)report.Rejections["overlap_fraction"];
        int row6 = Enumerable.Range(0, labels.Count).Single(r => labels[r] == 6 && (string?)masks.GetValue(r) == "nucleus");
        Assert.Equal(0.9, overlap[row6], 12);
        Assert.Equal((6, 5), (result.NucleiBefore, result.CytosolBefore));
        Assert.Equal(nucleiBefore, nuclei.Data);
        Assert.Equal(PixelType.UInt8, result.Nuclei.StoredType);
        Assert.Equal(PixelType.UInt16, result.Cytosol.StoredType);
    }

    [Fact]
    public void A_stricter_threshold_and_size_limits_drop_more()
    {
        var (nuclei, cytosol) = Scene();
        var strict = MaskMatching.Match(nuclei, cytosol, new MaskMatchingOptions { OverlapThreshold = 1.0 });
        Assert.Equal(1, strict.Pairs); // nucleus 1 in cytosol 10 only
        var sized = MaskMatching.Match(nuclei, cytosol, new MaskMatchingOptions { CytosolMaxSize = 63, NucleusMinSize = 5 });
        // Nucleus 2 (4 voxels) is below 5; cytosols 10 (64), 20 (80), 40 (80) and 50 (79) exceed 63.
        Assert.Equal(1, sized.Report.CountFor(MaskMatching.TooSmall));
        Assert.Equal(4, sized.Report.CountFor(MaskMatching.TooLarge));
        Assert.Equal(0, sized.Pairs);
    }

    [Fact]
    public void Works_in_3D_and_refuses_mismatched_shapes()
    {
        var shape = ImageShape.Of3D(3, 4, 4);
        var cyto = new uint[shape.Length];
        var nuc = new uint[shape.Length];
        for (int i = 0; i < cyto.Length; i++) cyto[i] = 7;
        nuc[shape.IndexOf(1, 1, 1)] = 3;
        nuc[shape.IndexOf(1, 2, 1)] = 3;
        var result = MaskMatching.Match(new LabelImage(nuc, shape), new LabelImage(cyto, shape));
        Assert.Equal(1, result.Pairs);
        Assert.Equal(1u, result.Nuclei.Data[shape.IndexOf(1, 2, 1)]);
        Assert.Throws<ShapeMismatchException>(() => MaskMatching.Match(new LabelImage(nuc, shape), new LabelImage(new uint[16], ImageShape.Of2D(4, 4))));
    }
}
