using System.Diagnostics;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using SegMeasure.Viewer;

namespace SegMeasure.Bench;

/// <summary>
/// First paint of the viewer on a 4096² label image with its intensity image: a fresh session
/// and a fresh headless Chromium per run; the page reports the time from its navigation start
/// until every tile of the first view is drawn (reading the files on the first tile request
/// included). Chromium's own start-up is not counted. Prints the medians; the target is 1 s.
/// </summary>
public sealed class ViewerFirstPaintBenchmark : IBenchmark
{
    public string Name => "viewer-first-paint";

    public string Description => "viewer: first paint of a 4096² segmentation + intensity image in headless Chromium (--size N --runs N)";

    public int Run(string[] args)
    {
        if (!DebianChromium.IsInstalled()) return 1;

        int size = int.Parse(BenchmarkTools.Option(args, "--size", "4096"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "5"));
        var folder = Directory.CreateTempSubdirectory("segmeasure-viewer-bench-").FullName;
        try
        {
            var (segmentation, intensity) = WriteImages(folder, size);
            var opens = new List<double>();
            var paints = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var session = ViewerSession.Create([new ViewerMember(segmentation, intensity)]);
                opens.Add(clock.Elapsed.TotalSeconds);
                paints.Add(FirstPaint(session, folder) / 1000);
            }

            Console.WriteLine($"viewer first paint, {size}x{size} uint32 labels ({CellsPerSide(size) * CellsPerSide(size)} objects) + uint16 intensity, {runs} runs");
            Console.WriteLine($"  open session (morphology table): median {BenchmarkTools.Median(opens):F3} s  [{BenchmarkTools.Format(opens)}]");
            Console.WriteLine($"  page first paint:                median {BenchmarkTools.Median(paints):F3} s  [{BenchmarkTools.Format(paints)}]  (target < 1 s)");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int CellsPerSide(int size) => size / 64;

    /// <summary>Square-ish objects of 64 px in a grid with a background border, and a smooth intensity ramp.</summary>
    private static (string Segmentation, string Intensity) WriteImages(string folder, int size)
    {
        var labels = new uint[(long)size * size];
        var raw = new ushort[(long)size * size];
        int cells = CellsPerSide(size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int cx = x / 64, cy = y / 64;
                bool inside = x % 64 is > 3 and < 60 && y % 64 is > 3 and < 60;
                labels[(long)y * size + x] = inside ? (uint)(cy * cells + cx + 1) : 0;
                raw[(long)y * size + x] = (ushort)((inside ? 2000 : 300) + (x + y) % 500);
            }

        var options = new TiffWriteOptions { Compression = TiffCompression.None, Overwrite = true };
        var segmentation = Path.Combine(folder, "cells-seg.tif");
        var intensity = Path.Combine(folder, "cells.tif");
        ImageFile.WriteLabels(segmentation, new LabelImage(labels, ImageShape.Of2D(size, size)), options);
        ImageFile.WriteIntensity(intensity, IntensityImage.Create(raw, ImageShape.Of2D(size, size)), options);
        return (segmentation, intensity);
    }

    /// <summary>Milliseconds the page reports for its first complete view.</summary>
    private static double FirstPaint(ViewerSession session, string folder)
    {
        var server = ViewerServer.Start(session);
        var profile = Directory.CreateDirectory(Path.Combine(folder, $"chromium-profile-{Guid.NewGuid():N}")).FullName;
        using var browser = Process.Start(new ProcessStartInfo(DebianChromium.Path,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1400,900", $"--user-data-dir={profile}", server.Address,
        ]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        browser.ErrorDataReceived += (_, _) => { };
        browser.BeginErrorReadLine();
        try
        {
            if (!session.FirstPaint.Wait(TimeSpan.FromSeconds(120))) throw new TimeoutException("the page did not report its first paint");
            return session.FirstPaint.Result;
        }
        finally
        {
            browser.Kill(entireProcessTree: true);
            browser.WaitForExit();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
