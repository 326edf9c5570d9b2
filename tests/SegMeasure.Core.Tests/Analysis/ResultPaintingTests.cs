using SegMeasure.Core.Analysis;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Analysis;

public sealed class ResultPaintingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-paint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Labels = Path.Combine(ClassifierReferenceData.RepoRoot(), "tests", "data", "real", "bioimageanalysisnotebooks", "maize_clsm_labels.tif");

    [Fact]
    public void Each_source_segmentation_gets_its_own_painted_image()
    {
        var a = Path.Combine(_dir, "a.tif");
        var b = Path.Combine(_dir, "b.tif");
        File.Copy(Labels, a);
        File.Copy(Labels, b);
        var seg = ImageFile.ReadLabels(Labels);
        var ids = seg.Data.Where(v => v > 0).Distinct().Order().Select(v => (long)v).ToArray();
        // Source a: class = label % 3 + 1; source b: only the first ten labels, class 2.
        var rowsA = ids.Select(i => (Path: a, Index: i, Class: i % 3 + 1));
        var rowsB = ids.Take(10).Select(i => (Path: b, Index: i, Class: 2L));
        var rows = rowsA.Concat(rowsB).ToArray();
        var table = new MeasurementTable([
            new IntegerColumn("index", rows.Select(r => r.Index)),
            new IntegerColumn(Classification.IdColumn, rows.Select(r => r.Class)),
            new TextColumn("Path", rows.Select(r => (string?)r.Path).ToArray()),
        ]);

        var written = ResultPainting.PaintPerSource(table, Classification.IdColumn, s => OutputNaming.WithSuffix(s, "_classes"));
        Assert.Equal([(a, Path.Combine(_dir, "a_classes.tif")), (b, Path.Combine(_dir, "b_classes.tif"))], written);

        var paintedA = ImageFile.ReadLabels(written[0].Output);
        var paintedB = ImageFile.ReadLabels(written[1].Output);
        var firstTen = ids.Take(10).Select(i => (uint)i).ToHashSet();
        Assert.Equal(seg.StoredType, paintedA.StoredType);
        for (int i = 0; i < seg.Data.Length; i++)
        {
            uint label = seg.Data[i];
            Assert.Equal(label == 0 ? 0u : label % 3 + 1, paintedA.Data[i]);
            Assert.Equal(firstTen.Contains(label) ? 2u : 0u, paintedB.Data[i]);
        }

        Assert.Throws<OutputExistsException>(() => ResultPainting.PaintPerSource(table, Classification.IdColumn, s => OutputNaming.WithSuffix(s, "_classes")));
        var declined = ResultPainting.PaintPerSource(table, Classification.IdColumn, _ => null);
        Assert.Empty(declined);
    }

    [Fact]
    public void Rows_without_a_source_cannot_be_painted()
    {
        var table = new MeasurementTable([new IntegerColumn("index", [1L]), new IntegerColumn(Classification.IdColumn, [1L])]);
        var e = Assert.Throws<SegMeasureException>(() => ResultPainting.PaintPerSource(table, Classification.IdColumn, s => s + ".out.tif"));
        Assert.Contains("'Path'", e.Message);
    }
}
