using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Measurement;

public class CellNucleusMeasurementTests
{
    public static IEnumerable<object[]> GeneratedCases => GoldenTables.Of("cell_nucleus", files: false);
    public static IEnumerable<object[]> FileCases => GoldenTables.Of("cell_nucleus", files: true);

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void Matches_the_reference_on_generated_cases(GoldenCase golden) => Check(golden);

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Matches_the_reference_on_real_data(GoldenCase golden)
        => Check(golden);

    private static void Check(GoldenCase golden)
    {
        var options = new CellNucleusOptions
        {
            Scale = golden.Scale,
            Intensity = golden.Intensity is null ? null : GoldenTables.Intensity(golden.Intensity),
        };
        var table = CellNucleusMeasurement.Measure(GoldenTables.Labels(golden.Labels), GoldenTables.Labels(golden.Nuclei!), options);
        GoldenTables.AssertMatches(golden, table, _ => 1e-9);
    }

    private static (LabelImage Cells, LabelImage Nuclei) Pair()
    {
        var cells = GoldenTables.Labels("tests/reference/measurement/cases/pair2d_cells.npy");
        var nuclei = GoldenTables.Labels("tests/reference/measurement/cases/pair2d_nuclei.npy");
        return (cells, nuclei);
    }

    private static (long Count, double Area) Row(MeasurementTable table, long cell)
    {
        var index = (IntegerColumn)table["index"];
        int row = Enumerable.Range(0, table.RowCount).Single(r => index[r] == cell);
        return (((IntegerColumn)table["n_nuclei"])[row]!.Value, ((DoubleColumn)table["nucleus_area"])[row]);
    }

    [Fact]
    public void Largest_overlap_gives_a_shared_nucleus_to_one_cell_only()
    {
        // Nucleus 12 covers 15 pixels of cell 1 and 20 of cell 2; cell 1 also holds nuclei 10 (25 px) and 11 (20 px).
        var (cells, nuclei) = Pair();
        var any = CellNucleusMeasurement.Measure(cells, nuclei);
        Assert.Equal((3L, 60.0), Row(any, 1));
        Assert.Equal((1L, 20.0), Row(any, 2));
        var largest = CellNucleusMeasurement.Measure(cells, nuclei, new CellNucleusOptions { Assignment = NucleusAssignment.LargestOverlap });
        Assert.Equal((2L, 45.0), Row(largest, 1));
        Assert.Equal((1L, 20.0), Row(largest, 2));
    }

    [Fact]
    public void Largest_overlap_gives_a_tied_nucleus_to_the_smaller_cell_id()
    {
        // Cell 5 comes first in the image; nucleus 9 covers two pixels of each cell.
        var cells = new LabelImage([5, 5, 5, 5, 2, 2, 2, 2], ImageShape.Of2D(1, 8));
        var nuclei = new LabelImage([0, 0, 9, 9, 9, 9, 0, 0], ImageShape.Of2D(1, 8));
        var table = CellNucleusMeasurement.Measure(cells, nuclei, new CellNucleusOptions { Assignment = NucleusAssignment.LargestOverlap });

        Assert.Equal([2L, 5L], ((IntegerColumn)table["index"]).Values.Select(v => v!.Value));
        Assert.Equal((1L, 2.0), Row(table, 2));
        Assert.Equal((0L, 0.0), Row(table, 5));
    }

    [Fact]
    public void Minimum_overlap_fraction_drops_nuclei_mostly_elsewhere()
    {
        var (cells, nuclei) = Pair();
        var table = CellNucleusMeasurement.Measure(cells, nuclei, new CellNucleusOptions { MinimumOverlapFraction = 0.5 });
        Assert.Equal((2L, 45.0), Row(table, 1));   // 15/35 of nucleus 12 is below one half
        Assert.Equal((1L, 20.0), Row(table, 2));   // 20/35 is above
        var strict = CellNucleusMeasurement.Measure(cells, nuclei, new CellNucleusOptions { MinimumOverlapFraction = 0.6 });
        Assert.Equal((0L, 0.0), Row(strict, 2));
    }

    [Fact]
    public void Shape_mismatch_is_an_error_naming_both_shapes()
    {
        var cells = new LabelImage(new uint[6], ImageShape.Of2D(2, 3));
        var nuclei = new LabelImage(new uint[6], ImageShape.Of2D(3, 2));
        var e = Assert.Throws<ShapeMismatchException>(() => CellNucleusMeasurement.Measure(cells, nuclei));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3, 2)", e.Message);
    }

    [Fact]
    public void Empty_cells_give_the_reference_columns()
    {
        var empty = new LabelImage(new uint[8], ImageShape.Of3D(2, 2, 2));
        var table = CellNucleusMeasurement.Measure(empty, empty, new CellNucleusOptions { Intensity = IntensityImage.Create(new byte[8], empty.Shape) });
        Assert.Equal(CellNucleusMeasurement.ColumnsFor(is2D: false, withIntensity: true), table.ColumnNames);
        Assert.Equal(0, table.RowCount);
    }
}
