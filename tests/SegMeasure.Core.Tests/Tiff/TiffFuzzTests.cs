using SegMeasure.Core.Fuzzing;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Tests.Tiff;

/// <summary>
/// The reader under mutation: every mutant of a conformance file reads or fails with a typed
/// error naming the file, quickly and within an allocation bound. A longer run is the bench's
/// <c>fuzz</c> mode.
/// </summary>
public class TiffFuzzTests
{
    /// <summary>A zlib stream that .NET's inflate rejects with its own ZLibException (an IOException) rather than
    /// InvalidDataException: "The underlying compression routine returned an unexpected error code".</summary>
    private const string CorruptZlib =
        "eD/t3McNgEAQBEG8zz9eJDoBAqgJ4B4Ijt1xw/BhDFOYwxLWsIU9HOEMV7jDEzrZ0R6IN8Qn4w5xqfrL+DcaFkxPxknztYXDmmRvtEhjFlAtuCeMGQoRp4pkxrqTIYgn1CTyGr2RAEuRpqMzFnBasJ7w4jAnsVTxmDHdcSGyZfKpctcWG/NfM6Rz6IssCFpInojiyCYJa0mvydwJIUpliqnK7Qoyi1+3owvoayxQ4aDTQhOHahJdLcprtPmoN1LKpKVKbZces+VPsdsLCCHUaw==";

    [Fact]
    public void A_corrupt_deflate_strip_is_a_typed_error_naming_file_and_strip()
    {
        var strip = Convert.FromBase64String(CorruptZlib);
        var tiff = new HandMadeTiff();
        var offset = tiff.Data(strip);
        var bytes = tiff.Image(200, 100, 8, 8, offset, (uint)strip.Length).Build();
        using var dir = new TemporaryDirectory();
        var path = dir.File("corrupt-deflate.tif");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<TiffFormatException>(() => ImageFile.ReadLabels(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("strip 0", error.Message);
        Assert.Contains("Deflate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Mutants_of_conformance_files_read_or_fail_typed()
    {
        var sources = Directory.GetFiles(Path.Combine(TestData.DataDirectory, "tiff-conformance"), "*.tif")
            .Where(f => !Path.GetFileName(f).StartsWith("malformed_", StringComparison.Ordinal) && new FileInfo(f).Length < 400_000)
            .Concat(Directory.GetFiles(Path.Combine(TestData.RepositoryRoot, "tests", "reference", "tiff", "libtiff"), "*.tif")) // JPEG and CCITT, decoded by LibTiff.NET
            .Order().ToList();
        using var dir = new TemporaryDirectory();
        var campaign = new FuzzCampaign(sources, FuzzCampaign.FileMutants(dir.Path), path => ImageFile.ReadIntensity(path))
        {
            AllocationLimitBytes = 128L << 20,
            TimeLimit = TimeSpan.FromSeconds(2),
        };
        var report = campaign.Run(seed: 16, iterations: 3000);
        Assert.True(report.Findings.Count == 0,
            report + "\n" + string.Join("\n", report.Findings.Take(10).Select(f => $"#{f.Iteration} {Path.GetFileName(f.Source)}: {f.Problem}")));
        Assert.True(report.Refused > 0 && report.Read > 0, report.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_mutants()
    {
        var original = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var a = new ByteMutator(7);
        var b = new ByteMutator(7);
        for (int i = 0; i < 50; i++) Assert.Equal(a.Mutate(original), b.Mutate(original));
    }
}
