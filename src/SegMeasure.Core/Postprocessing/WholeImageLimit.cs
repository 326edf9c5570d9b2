using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The memory a whole-image step may take. Hole filling and watershed need every pixel at once
/// (a hole or a basin can span the image), unlike the measurements and the local filters; an image
/// larger than memory would swap the machine to death, so they refuse it up front, from the TIFF's
/// header alone, with an error naming the limit and how to raise it.
/// </summary>
public sealed record WholeImageLimit
{
    /// <summary>Half of the memory available to this process (the GC's view, which honours container limits).</summary>
    public static WholeImageLimit Default => new();

    /// <summary>Bytes a whole-image step may use; the default is half of the memory available to the process.</summary>
    public long MemoryLimitBytes { get; init; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>A limit of <paramref name="gigabytes"/> GB (10⁹ bytes), or the default when null.</summary>
    public static WholeImageLimit FromGigabytes(double? gigabytes)
    {
        if (gigabytes is null) return Default;
        if (!(gigabytes > 0))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the memory limit must be a positive number of GB, not {gigabytes}");
        return new WholeImageLimit { MemoryLimitBytes = (long)Math.Min(gigabytes.Value * 1e9, long.MaxValue) };
    }

    /// <summary>Working bytes per pixel of hole filling: labels in and out, the background mask and the fill queue.</summary>
    internal const int HoleFillingBytesPerPixel = 16;

    /// <summary>Working bytes per pixel of watershed: labels in and out, the landscape as doubles, the mask and the priority queue.</summary>
    internal const int WatershedBytesPerPixel = 40;

    /// <summary>
    /// Refuses <paramref name="path"/> when <paramref name="step"/> would need more than the limit at
    /// <paramref name="bytesPerPixel"/>. A file that is not a readable TIFF is left to the reader to report.
    /// </summary>
    internal void Check(string path, string step, int bytesPerPixel)
    {
        long pixels;
        try
        {
            using var reader = TiffReader.Open(path);
            pixels = reader.Series.ElementCount;
        }
        catch (Exception e) when (e is SegMeasureException or IOException or UnauthorizedAccessException)
        {
            return;
        }

        double needed = (double)pixels * bytesPerPixel;
        if (needed <= MemoryLimitBytes) return;
        throw new SegMeasureException("SegMeasure.ImageTooLarge", ErrorKind.InvalidArgument,
            $"{path}: {step} works on the whole image at once and would need about {needed / 1e9:F1} GB for its {pixels / 1e6:F0} Mpx, " +
            $"over the memory limit of {MemoryLimitBytes / 1e9:F1} GB; raise the limit with --memory-limit GB (PowerShell: -MemoryLimitGB) " +
            "if the machine has the memory", path);
    }
}
