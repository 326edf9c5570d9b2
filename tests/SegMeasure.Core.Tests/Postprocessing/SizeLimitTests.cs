using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>
/// Fractional size limits in both directions, for every operation that takes one: a minimum of
/// 10.5 removes a 10-voxel segment and keeps an 11-voxel one; a maximum of 10.5 keeps the
/// 10-voxel one and removes the 11-voxel one.
/// </summary>
public sealed class SizeLimitTests : IDisposable
{
    private const int H = 30, W = 40;
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-sizes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Fill(uint[] image, uint id, int y0, int y1, int x0, int x1)
    {
        for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            image[y * W + x] = id;
    }

    private static LabelImage Image(uint[] data) => new(data, ImageShape.Of2D(H, W), storedType: PixelType.UInt16);

    /// <summary>Segment 1: 10 pixels; segment 2: 11 pixels.</summary>
    private static LabelImage TenAndEleven()
    {
        var data = new uint[H * W];
        Fill(data, 1, 1, 2, 0, 10);
        Fill(data, 2, 5, 6, 0, 11);
        return Image(data);
    }

    private string Write(LabelImage image, string name)
    {
        var path = Path.Combine(_dir, name);
        ImageFile.WriteLabels(path, image);
        return path;
    }

    private static uint[] Ids(uint[] data) => data.Where(v => v != 0).Distinct().Order().ToArray();

    [Theory]
    [InlineData(10.0, 10, 10)]
    [InlineData(10.5, 11, 10)]
    [InlineData(10.0000001, 11, 10)]
    [InlineData(-3.5, 0, -1)]
    public void A_minimum_rounds_up_and_a_maximum_rounds_down(double limit, long smallestKept, long largestKept)
    {
        Assert.Equal(smallestKept, SizeLimit.SmallestKept(limit));
        Assert.Equal(largestKept, SizeLimit.LargestKept(limit));
    }

    [Fact]
    public void Sizes_are_compared_with_the_limit_itself()
    {
        Assert.True(SizeLimit.IsBelow(10, 10.5));
        Assert.False(SizeLimit.IsBelow(11, 10.5));
        Assert.True(SizeLimit.IsAbove(11, 10.5));
        Assert.False(SizeLimit.IsAbove(10, 10.5));
        Assert.False(SizeLimit.IsBelow(0, null));
        Assert.False(SizeLimit.IsAbove(long.MaxValue, null));
    }

    [Fact]
    public void A_limit_that_is_not_a_number_is_refused()
    {
        Assert.Equal("SegMeasure.InvalidArgument", Assert.Throws<SegMeasureException>(() => SizeLimit.SmallestKept(double.NaN)).ErrorId);
        Assert.Equal("SegMeasure.InvalidArgument", Assert.Throws<SegMeasureException>(() => SizeLimit.LargestKept(double.NaN)).ErrorId);
    }

    [Theory]
    [InlineData(10.5, new uint[] { 2 })]
    [InlineData(9.5, new uint[] { 1, 2 })]
    [InlineData(11.5, new uint[0])]
    public void Small_segment_filter_keeps_sizes_at_or_above_a_fractional_minimum(double minSize, uint[] kept)
    {
        var input = Write(TenAndEleven(), "in.tif");
        var output = Path.Combine(_dir, "out.tif");
        PostprocessFile.FilterSmallSegments(input, output, minSize, new TiffWriteOptions());
        Assert.Equal(kept, Ids(ImageFile.ReadLabels(output).Data));
    }

    /// <summary>Segment 5 fills the lower rows around a 10-pixel hole (row 20) and an 11-pixel hole (row 25).</summary>
    [Theory]
    [InlineData(10.5, 10)]
    [InlineData(11.5, 21)]
    [InlineData(9.5, 0)]
    public void Hole_filling_fills_holes_at_or_below_a_fractional_maximum(double maxHoleSize, int filled)
    {
        var data = new uint[H * W];
        Fill(data, 5, 15, H, 0, W);
        Fill(data, 0, 20, 21, 2, 12);
        Fill(data, 0, 25, 26, 2, 13);
        var input = Write(Image(data), "holes.tif");
        var output = Path.Combine(_dir, "filled.tif");
        PostprocessFile.RemoveSmallHoles(input, output, maxHoleSize, new TiffWriteOptions());
        var after = ImageFile.ReadLabels(output).Data;
        Assert.Equal(filled, after.Count(v => v == 5) - data.Count(v => v == 5));
    }

    /// <summary>Nucleus 1 (10 px) in cytosol 10 (100 px); nucleus 2 (11 px) in cytosol 20 (101 px).</summary>
    private static (LabelImage Nuclei, LabelImage Cytosol) Cells()
    {
        var nuclei = new uint[H * W];
        var cytosol = new uint[H * W];
        Fill(cytosol, 10, 0, 10, 0, 10);
        Fill(cytosol, 20, 12, 22, 0, 10);
        cytosol[22 * W] = 20;
        Fill(nuclei, 1, 2, 3, 0, 10);
        Fill(nuclei, 2, 14, 15, 0, 10);
        nuclei[15 * W] = 2;
        return (Image(nuclei), Image(cytosol));
    }

    [Theory]
    [InlineData(10.5, null, null, null, 20u)]
    [InlineData(null, 10.5, null, null, 10u)]
    [InlineData(null, null, 100.5, null, 20u)]
    [InlineData(null, null, null, 100.5, 10u)]
    public void Mask_matching_applies_fractional_size_limits_in_both_directions(double? nucleusMin, double? nucleusMax, double? cytosolMin, double? cytosolMax, uint keptCytosol)
    {
        var (nuclei, cytosol) = Cells();
        var options = new MaskMatchingOptions { NucleusMinSize = nucleusMin, NucleusMaxSize = nucleusMax, CytosolMinSize = cytosolMin, CytosolMaxSize = cytosolMax };
        var result = MaskMatching.Match(nuclei, cytosol, options);
        Assert.Equal(1, result.Pairs);
        var kept = Enumerable.Range(0, cytosol.Data.Length).First(i => result.Cytosol.Data[i] != 0);
        Assert.Equal(keptCytosol, cytosol.Data[kept]);
    }

    [Fact]
    public void Mask_matching_files_keep_the_fractional_limits()
    {
        var (nuclei, cytosol) = Cells();
        var n = Write(nuclei, "n.tif");
        var c = Write(cytosol, "c.tif");
        var result = PostprocessFile.MatchMasks(n, c, Path.Combine(_dir, "n_out.tif"), Path.Combine(_dir, "c_out.tif"), new MaskMatchingOptions { NucleusMaxSize = 10.5 }, new TiffWriteOptions());
        Assert.Equal(1, result.SegmentsAfter);
        Assert.Equal(10, ImageFile.ReadLabels(Path.Combine(_dir, "n_out.tif")).Data.Count(v => v != 0));
    }

    [Theory]
    [InlineData(10.5, null, 11L)]
    [InlineData(null, 10.5, 10L)]
    public void Shape_filter_applies_fractional_area_limits_in_both_directions(double? minAbsolute, double? maxArea, long keptArea)
    {
        var options = new ShapeFilterOptions { MinArea = AreaThreshold.Parse("none"), MinAbsoluteArea = minAbsolute, MaxArea = maxArea, MaxConvexityDeficit = null };
        var result = ShapeFilter.Apply(TenAndEleven(), options);
        Assert.Equal(1, result.SegmentsAfter);
        Assert.Equal(keptArea, result.Image.Data.Count(v => v != 0));
    }
}
