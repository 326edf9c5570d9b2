using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Streaming;

/// <summary>
/// Measuring files band by band must give exactly the in-memory tables: every column, bit for bit,
/// whatever the strip height of the file and the stripe height of the passes.
/// </summary>
public class StreamedMeasurementTests
{
    private static readonly string Cells2D = Path.Combine(TestData.RepositoryRoot, "examples", "data", "membrane-seg.tif");
    private static readonly string Nuclei2D = Path.Combine(TestData.RepositoryRoot, "examples", "data", "nucleus-seg.tif");
    private static readonly string Membrane2D = Path.Combine(TestData.RepositoryRoot, "examples", "data", "membrane.tif");
    private static readonly string NucleiIntensity2D = Path.Combine(TestData.RepositoryRoot, "examples", "data", "nuclei.tif");
    private static readonly string Labels3D = TestData.Real("real/stardist/synthetic_mask3d.tif");
    private static readonly string Intensity3D = TestData.Real("real/stardist/synthetic_img3d.tif");
    private static readonly string Platynereis3D = TestData.Real("real/bioimageanalysisnotebooks/Platynereis_tp7_channel1_rescaled_256x256x103_gt.tif");

    public static IEnumerable<object[]> StripeHeights => [[1], [3], [7], [0]];

    [Theory]
    [MemberData(nameof(StripeHeights))]
    public void Real_2D_images_give_the_in_memory_tables(int stripeRows)
    {
        foreach (var file in new[] { Cells2D, Nuclei2D, Membrane2D, NucleiIntensity2D })
            using (var rows = TiffRows.TryOpen(file)) Assert.NotNull(rows);
        AssertSame(Morphology(Cells2D, false, 0), Morphology(Cells2D, true, stripeRows));
        AssertSame(Intensity(Cells2D, Membrane2D, false, 0), Intensity(Cells2D, Membrane2D, true, stripeRows));
        AssertSame(CellNucleus(Cells2D, Nuclei2D, NucleiIntensity2D, false, 0, NucleusAssignment.AnyOverlap, 0),
            CellNucleus(Cells2D, Nuclei2D, NucleiIntensity2D, true, stripeRows, NucleusAssignment.AnyOverlap, 0));
        AssertSame(CellNucleus(Cells2D, Nuclei2D, Membrane2D, false, 0, NucleusAssignment.LargestOverlap, 0.2),
            CellNucleus(Cells2D, Nuclei2D, Membrane2D, true, stripeRows, NucleusAssignment.LargestOverlap, 0.2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public void Real_3D_images_give_the_in_memory_tables(int stripeRows)
    {
        foreach (var file in new[] { Labels3D, Intensity3D, Platynereis3D })
            using (var rows = TiffRows.TryOpen(file)) Assert.NotNull(rows);
        AssertSame(Morphology(Labels3D, false, 0), Morphology(Labels3D, true, stripeRows));
        AssertSame(Intensity(Labels3D, Intensity3D, false, 0), Intensity(Labels3D, Intensity3D, true, stripeRows));
        AssertSame(CellNucleus(Labels3D, Labels3D, Intensity3D, false, 0, NucleusAssignment.AnyOverlap, 0),
            CellNucleus(Labels3D, Labels3D, Intensity3D, true, stripeRows, NucleusAssignment.AnyOverlap, 0));
        AssertSame(Morphology(Platynereis3D, false, 0), Morphology(Platynereis3D, true, stripeRows));
    }

    [Theory]
    [InlineData("label_u16_tiled32x48_deflate.tif")]
    [InlineData("label_i32_bigendian_tiled64.tif")]
    [InlineData("label_u16_bigtiff_tiled64_deflate.tif")]
    [InlineData("label_u16_rowsperstrip1_packbits.tif")]
    [InlineData("label_f32_bigendian.tif")]
    public void Tiled_and_odd_files_are_read_by_tile_rows_with_the_same_table(string file)
    {
        string path = TestData.Conformance(file);
        using (var rows = TiffRows.TryOpen(path)) Assert.NotNull(rows); // really read band by band, not whole
        AssertSame(Morphology(path, false, 0), Morphology(path, true, 5));
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(3, 7, false)]
    [InlineData(7, 3, false)]
    [InlineData(5, 0, false)]
    [InlineData(1, 1, true)]
    [InlineData(3, 7, true)]
    [InlineData(7, 0, true)]
    public void Generated_objects_across_band_edges_give_the_in_memory_tables(int rowsPerStrip, int stripeRows, bool volume)
    {
        using var dir = new TemporaryDirectory();
        var random = new Random(rowsPerStrip * 31 + stripeRows + (volume ? 1000 : 0));
        var shape = volume ? ImageShape.Of3D(6, 29, 23) : ImageShape.Of2D(61, 47);
        var cells = Blobs(shape, random, 25, sparseIds: true);
        var nuclei = Blobs(shape, random, 15, sparseIds: false);
        var intensity = new float[shape.Length];
        for (int i = 0; i < intensity.Length; i++) intensity[i] = (float)Math.Round(random.NextDouble() * 1000, 2);

        string cellPath = dir.File("cells.tif"), nucleusPath = dir.File("nuclei.tif"), intensityPath = dir.File("intensity.tif");
        TiffWriter.WriteLabels(cellPath, cells, new TiffWriteOptions { LabelType = PixelType.UInt32 }, default, uint.MaxValue, rowsPerStrip);
        TiffWriter.WriteLabels(nucleusPath, nuclei, new TiffWriteOptions { LabelType = PixelType.UInt16 }, default, uint.MaxValue, rowsPerStrip);
        TiffWriter.Write(intensityPath, new ChannelSampleSource(IntensityImage.Create(intensity, shape)), VoxelSize.Uncalibrated,
            new TiffWriteOptions(), default, uint.MaxValue, rowsPerStrip);

        foreach (var file in new[] { cellPath, nucleusPath, intensityPath })
            using (var rows = TiffRows.TryOpen(file)) Assert.NotNull(rows);
        AssertSame(Morphology(cellPath, false, 0), Morphology(cellPath, true, stripeRows));
        AssertSame(Intensity(cellPath, intensityPath, false, 0), Intensity(cellPath, intensityPath, true, stripeRows));
        AssertSame(CellNucleus(cellPath, nucleusPath, intensityPath, false, 0, NucleusAssignment.AnyOverlap, 0),
            CellNucleus(cellPath, nucleusPath, intensityPath, true, stripeRows, NucleusAssignment.AnyOverlap, 0));
        AssertSame(CellNucleus(cellPath, nucleusPath, intensityPath, false, 0, NucleusAssignment.LargestOverlap, 0.3),
            CellNucleus(cellPath, nucleusPath, intensityPath, true, stripeRows, NucleusAssignment.LargestOverlap, 0.3));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 3)]
    [InlineData(true, 7)]
    public void OME_Zarr_images_read_by_chunk_rows_give_the_in_memory_tables(bool volume, int stripeRows)
    {
        using var dir = new TemporaryDirectory();
        var random = new Random(volume ? 11 : 12);
        // Taller than the writer's chunks (512 rows in 2D, 16 planes in 3D), so rows span several chunk rows.
        var shape = volume ? ImageShape.Of3D(40, 21, 17) : ImageShape.Of2D(1100, 37);
        var cells = Blobs(shape, random, volume ? 40 : 120, sparseIds: true);
        var nuclei = Blobs(shape, random, 30, sparseIds: false);
        var intensity = new ushort[shape.Length];
        for (int i = 0; i < intensity.Length; i++) intensity[i] = (ushort)random.Next(0, 4000);
        string cellPath = dir.File("cells.zarr"), nucleusPath = dir.File("nuclei.zarr"), intensityPath = dir.File("intensity.tif");
        ImageFile.WriteLabels(cellPath, cells);
        ImageFile.WriteLabels(nucleusPath, nuclei);
        ImageFile.WriteIntensity(intensityPath, IntensityImage.Create(intensity, shape));
        using (var rows = ZarrRows.TryOpen(cellPath)) Assert.NotNull(rows);

        AssertSame(Morphology(cellPath, false, 0), Morphology(cellPath, true, stripeRows));
        AssertSame(Intensity(cellPath, intensityPath, false, 0), Intensity(cellPath, intensityPath, true, stripeRows));
        AssertSame(CellNucleus(cellPath, nucleusPath, intensityPath, false, 0, NucleusAssignment.AnyOverlap, 0),
            CellNucleus(cellPath, nucleusPath, intensityPath, true, stripeRows, NucleusAssignment.AnyOverlap, 0));
    }

    [Fact]
    public void The_memory_limit_picks_the_band_path_and_the_table_stays_the_same()
    {
        var whole = Morphology(Cells2D, false, 0);
        var limited = MeasurementFiles.Morphology(Cells2D, new MorphologyOptions
        {
            IncludeShapeExtras = true,
            MemoryLimit = new SegMeasure.Core.Postprocessing.WholeImageLimit { MemoryLimitBytes = 1000 },
        });
        AssertSame(whole, limited);
    }

    [Fact]
    public void A_bad_label_in_a_band_names_the_file_and_the_voxel()
    {
        using var dir = new TemporaryDirectory();
        var samples = new short[12 * 9];
        samples[7 * 9 + 4] = -3;
        string path = dir.File("negative.tif");
        TiffWriter.Write(path, new ChannelSampleSource(IntensityImage.Create(samples, ImageShape.Of2D(12, 9))), VoxelSize.Uncalibrated,
            new TiffWriteOptions(), default, uint.MaxValue, 2);
        var e = Assert.Throws<InvalidLabelException>(() => Morphology(path, true, 0));
        Assert.Contains(path, e.Message);
        Assert.Contains("(y=7, x=4)", e.Message);
    }

    private static MeasurementTable Morphology(string path, bool streaming, int stripeRows) =>
        MeasurementFiles.Morphology(path, new MorphologyOptions { IncludeShapeExtras = true, Streaming = streaming, StripeRows = stripeRows });

    private static MeasurementTable Intensity(string labels, string intensity, bool streaming, int stripeRows) =>
        MeasurementFiles.Intensity(labels, intensity, new IntensityOptions { IncludeSum = true, Streaming = streaming, StripeRows = stripeRows });

    private static MeasurementTable CellNucleus(string cells, string nuclei, string intensity, bool streaming, int stripeRows,
        NucleusAssignment assignment, double fraction) =>
        MeasurementFiles.CellNucleus(cells, nuclei, intensity, new CellNucleusOptions
        {
            Streaming = streaming,
            StripeRows = stripeRows,
            Assignment = assignment,
            MinimumOverlapFraction = fraction,
        });

    /// <summary>Every column, every row, exactly (NaN equal to NaN).</summary>
    internal static void AssertSame(MeasurementTable expected, MeasurementTable actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.True(expected.RowCount > 0, "a test image should hold objects");
        for (int r = 0; r < expected.RowCount; r++)
            Assert.Equal(expected.GetRow(r).ToList(), actual.GetRow(r).ToList());
    }

    /// <summary>
    /// Overlapping ellipses and bars with ids in random order, some ids reused far apart (objects in
    /// several parts), sparse ids up to near 2³² when asked, so objects cross every band edge.
    /// </summary>
    internal static LabelImage Blobs(ImageShape shape, Random random, int count, bool sparseIds)
    {
        var data = new uint[shape.Length];
        for (int k = 0; k < count; k++)
        {
            uint id = sparseIds ? (k == 0 ? 4_000_000_000u : (uint)random.Next(1, 50_000_000)) : (uint)random.Next(1, 200);
            if (k % 7 == 6) id = data.FirstOrDefault(v => v != 0) is var reused and not 0 ? reused : id;
            double cz = random.Next(shape.Depth), cy = random.Next(shape.Height), cx = random.Next(shape.Width);
            double rz = 1 + random.Next(3), ry = 1 + random.Next(12), rx = 1 + random.Next(10);
            bool bar = k % 5 == 4;
            for (int z = 0; z < shape.Depth; z++)
                for (int y = 0; y < shape.Height; y++)
                    for (int x = 0; x < shape.Width; x++)
                    {
                        double dz = shape.Is2D ? 0 : (z - cz) / rz, dy = (y - cy) / ry, dx = (x - cx) / rx;
                        bool inside = bar ? Math.Abs(dy) <= 1 && Math.Abs(x - cx) <= 1.5 && Math.Abs(dz) <= 1 : dz * dz + dy * dy + dx * dx <= 1;
                        if (inside) data[shape.IndexOf(z, y, x)] = id;
                    }
        }

        return new LabelImage(data, shape);
    }
}
