using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>Every real microscopy file in tests/data/real opens and matches tests/data/real-expected.json (measured with tifffile).</summary>
public class RealDataTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestData.ExpectedFiles("real-expected.json")) data.Add(f.GetProperty("file").GetString()!);
        return data;
    }

    private static JsonElement Expected(string file) =>
        TestData.ExpectedFiles("real-expected.json").Single(f => f.GetProperty("file").GetString() == file);

    [Fact]
    public void Every_file_in_the_real_folder_is_listed()
    {
        var listed = TestData.ExpectedFiles("real-expected.json").Select(f => f.GetProperty("file").GetString()!).ToHashSet();
        var onDisk = Directory.EnumerateFiles(Path.Combine(TestData.DataDirectory, "real"), "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(TestData.DataDirectory, p).Replace('\\', '/'));
        Assert.All(onDisk, f => Assert.Contains(f, listed));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_file_decodes_to_the_expected_pixels(string file)
    {
        var expected = Expected(file);
        var info = ImageInfo.Read(TestData.Real(file));
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), info.Shape);
        Assert.Equal(expected.GetProperty("dtype").GetString(), info.DType);
        Assert.Equal(expected.GetProperty("sha256").GetString(), info.Sha256);
        if (expected.TryGetProperty("n_labels_nonzero", out var labels) && labels.ValueKind == JsonValueKind.Number && info.Labels is not null)
            Assert.Equal(labels.GetInt64(), info.Labels);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImageJ_calibration_is_read_and_inch_resolution_is_not_taken_as_calibration(string file)
    {
        var expected = Expected(file);
        using var reader = TiffReader.Open(TestData.Real(file));
        var voxel = reader.Series.VoxelSize;
        var size = expected.GetProperty("pixel_size_in_file");
        bool imageJ = expected.GetProperty("encoding").GetProperty("imagej").GetBoolean();
        if (size.ValueKind == JsonValueKind.Object && imageJ)
        {
            Assert.True(voxel.IsCalibrated);
            Assert.Equal("micron", voxel.Unit);
            Assert.Equal(size.GetProperty("x").GetDouble(), voxel.X, 1e-9);
            Assert.Equal(size.GetProperty("y").GetDouble(), voxel.Y, 1e-9);
        }
        else
        {
            Assert.False(voxel.IsCalibrated);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Label_files_read_as_label_images(string file)
    {
        var expected = Expected(file);
        if (!expected.TryGetProperty("n_labels_nonzero", out var n) || n.ValueKind != JsonValueKind.Number) return;
        var labels = ImageFile.ReadLabels(TestData.Real(file));
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(shape, labels.Shape.ToArray());
        Assert.Equal(n.GetInt64(), labels.Data.Where(v => v != 0).Distinct().LongCount());
        Assert.Equal((uint)expected.GetProperty("max").GetDouble(), labels.MaxLabel());
    }
}
