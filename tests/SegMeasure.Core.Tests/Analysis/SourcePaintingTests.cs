using SegMeasure.Core.Analysis;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Analysis;

public sealed class SourcePaintingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-paint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Segmentation(string name, PixelType type)
    {
        var path = Path.Combine(_dir, name);
        ImageFile.WriteLabels(path, new LabelImage([0, 1, 2, 2, 3, 0], ImageShape.Of2D(2, 3), storedType: type), new TiffWriteOptions { LabelType = type });
        return path;
    }

    private static MeasurementTable Table(string?[] paths, long[] index, long[] clusters) => new([
        new IntegerColumn("index", index),
        new IntegerColumn("cluster_id", clusters),
        new TextColumn("Path", paths),
    ]);

    [Fact]
    public void Each_source_is_painted_with_its_own_rows_in_its_label_type()
    {
        var a = Segmentation("a.tif", PixelType.UInt8);
        var b = Segmentation("b.tif", PixelType.UInt16);
        var table = Table([a, a, a, b, b, b], [1, 2, 3, 1, 2, 3], [1, 2, -1, 3, 3, 1]);
        var outcomes = SourcePainting.PaintBySource(table, "cluster_id", "_clusters", overwrite: false);
        Assert.All(outcomes, o => Assert.True(o.Written));
        var pa = ImageFile.ReadLabels(Path.Combine(_dir, "a_clusters.tif"));
        var pb = ImageFile.ReadLabels(Path.Combine(_dir, "b_clusters.tif"));
        Assert.Equal(new uint[] { 0, 1, 2, 2, 0, 0 }, pa.Data);
        Assert.Equal(new uint[] { 0, 3, 3, 3, 1, 0 }, pb.Data);
        Assert.Equal(PixelType.UInt8, pa.StoredType);
        Assert.Equal(PixelType.UInt16, pb.StoredType);
    }

    [Fact]
    public void A_missing_source_or_existing_output_is_reported_and_the_rest_still_painted()
    {
        var a = Segmentation("a.tif", PixelType.UInt8);
        var b = Segmentation("b.tif", PixelType.UInt8);
        File.WriteAllText(Path.Combine(_dir, "b_c.tif"), "keep");
        var missing = Path.Combine(_dir, "missing.tif");
        var outcomes = SourcePainting.PaintBySource(Table([a, b, missing], [1, 1, 1], [1, 1, 1]), "cluster_id", "_c", overwrite: false);
        Assert.True(outcomes.Single(o => o.Source == a).Written);
        Assert.Equal("SegMeasure.OutputExists", outcomes.Single(o => o.Source == b).Error!.ErrorId);
        Assert.NotNull(outcomes.Single(o => o.Source == missing).Error);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_dir, "b_c.tif")));
    }

    [Fact]
    public void Declined_outputs_are_not_written()
    {
        var a = Segmentation("a.tif", PixelType.UInt8);
        var outcomes = SourcePainting.PaintBySource(Table([a], [1], [1]), "cluster_id", "_c", false, confirm: _ => false);
        Assert.False(Assert.Single(outcomes).Written);
        Assert.False(File.Exists(Path.Combine(_dir, "a_c.tif")));
    }

    [Fact]
    public void Rows_without_a_source_path_are_an_error()
    {
        var table = new MeasurementTable([new IntegerColumn("index", [1L]), new IntegerColumn("cluster_id", [1L])]);
        Assert.Equal("SegMeasure.NoSourcePath", Assert.Throws<SegMeasureException>(() => SourcePainting.PaintBySource(table, "cluster_id", "_c", false)).ErrorId);
    }
}
