using System.Diagnostics;
using Microsoft.Playwright;
using SegMeasure.Viewer;

namespace SegMeasure.Bench;

/// <summary>
/// Panning and zooming the viewer on a 16 384² label image against a 4 096² one in the same run:
/// headless Chromium driven by Playwright performs the same scripted sequence on both (wheel zoom
/// from the whole image to full resolution, six 600 px mouse drags, zoom back out), alternating
/// images run by run. Reports requestAnimationFrame intervals while dragging and from each wheel
/// step until its tiles are drawn (median, 95th percentile), the time from each move's last input
/// event until every visible tile is drawn at the right level, the ratios big / baseline, and the
/// server's memory (managed heap per session, tile cache).
/// </summary>
public sealed class ViewerPanZoomBenchmark : IBenchmark
{
    public string Name => "viewer-pan-zoom";

    public string Description => "viewer: rAF intervals and tile settle times panning/zooming a 16384² label image vs 4096² (--size N --baseline N --runs N)";

    public int Run(string[] args)
    {
        if (!DebianChromium.IsInstalled()) return 1;

        int size = int.Parse(BenchmarkTools.Option(args, "--size", "16384"));
        int baselineSize = int.Parse(BenchmarkTools.Option(args, "--baseline", "4096"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "5"));
        var folder = Directory.CreateTempSubdirectory("segmeasure-viewer-panzoom-").FullName;
        try
        {
            return RunIn(folder, size, baselineSize, runs).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunIn(string folder, int size, int baselineSize, int runs)
    {
        var smallPath = ViewerBenchImages.WriteGrid(folder, "baseline-seg.tif", baselineSize, 64);
        var bigPath = ViewerBenchImages.WriteGrid(folder, "big-seg.tif", size, 64);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var small = ViewerServer.Start(ViewerSession.Create([new ViewerMember(smallPath)]));
        long afterSmall = GC.GetTotalMemory(forceFullCollection: true);
        var big = ViewerServer.Start(ViewerSession.Create([new ViewerMember(bigPath)]));
        long afterBig = GC.GetTotalMemory(forceFullCollection: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DebianChromium.Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var results = new Dictionary<ViewerServer, SequenceTimes> { [small] = new(), [big] = new() };
        for (int run = 0; run < runs; run++)
            foreach (var server in new[] { small, big })
                await Sequence(browser, server, results[server]);

        Console.WriteLine($"viewer pan/zoom, {runs} run(s) per image, 1400x900 view, square objects of 64 px, headless Chromium (software drawing)");
        Console.WriteLine("  rAF: intervals between animation frames while dragging (pan) and from each wheel step until its tiles are drawn (zoom);");
        Console.WriteLine("  settle: last input event to every visible tile drawn at its level");
        Console.WriteLine($"  {"",-18} {"rAF pan median",14} {"p95",8} {"rAF zoom median",15} {"p95",8} {"zoom-in settle",15} {"p95",7} {"pan settle",11} {"p95",7} {"zoom-out settle",16} {"p95",7} {"frames",7}");
        Print($"{baselineSize}² (baseline)", results[small]);
        Print($"{size}²", results[big]);
        var (b, s) = (results[big], results[small]);
        Console.WriteLine($"  ratio {size}²/{baselineSize}²: rAF pan median {Ratio(b.Frames, s.Frames, 0.5):F2}, p95 {Ratio(b.Frames, s.Frames, 0.95):F2}; " +
            $"rAF zoom median {Ratio(b.ZoomFrames, s.ZoomFrames, 0.5):F2}, p95 {Ratio(b.ZoomFrames, s.ZoomFrames, 0.95):F2}; " +
            $"zoom-in settle median {Ratio(b.ZoomInSettles, s.ZoomInSettles, 0.5):F2}, p95 {Ratio(b.ZoomInSettles, s.ZoomInSettles, 0.95):F2}; " +
            $"pan settle median {Ratio(b.PanSettles, s.PanSettles, 0.5):F2}, p95 {Ratio(b.PanSettles, s.PanSettles, 0.95):F2}; " +
            $"zoom-out settle median {Ratio(b.ZoomOutSettles, s.ZoomOutSettles, 0.5):F2}, p95 {Ratio(b.ZoomOutSettles, s.ZoomOutSettles, 0.95):F2}");
        Console.WriteLine($"  zoom-in moves (whole image to 1:1): {results[small].ZoomMoves / runs} ({baselineSize}²), {results[big].ZoomMoves / runs} ({size}²)");
        Console.WriteLine($"  server memory (managed heap held by each session): {Mb(afterSmall - before)} MB for {baselineSize}², " +
            $"{Mb(afterBig - afterSmall)} MB for {size}² (its label image alone is {Mb((long)size * size * 4)} MB); after the runs the heap is " +
            $"{Mb(GC.GetTotalMemory(forceFullCollection: true) - before)} MB above the start; process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MB (image generation included)");
        Console.WriteLine($"  server tile caches after the runs: {Mb(small.TileCacheBytes)} MB and {Mb(big.TileCacheBytes)} MB (bound {Mb(small.Session.Options.TileCacheBytes)} MB each)");
        await small.DisposeAsync();
        await big.DisposeAsync();
        return 0;
    }

    private sealed class SequenceTimes
    {
        public List<double> Frames { get; } = [];
        public List<double> ZoomFrames { get; } = [];
        public List<double> ZoomInSettles { get; } = [];
        public List<double> ZoomOutSettles { get; } = [];
        public List<double> PanSettles { get; } = [];
        public int ZoomMoves { get; set; }
    }

    /// <summary>One fresh page: zoom in to 1:1 at the centre, six drags, zoom back out.</summary>
    private static async Task Sequence(IBrowser browser, ViewerServer server, SequenceTimes times)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            BypassCSP = true,
        });
        try
        {
            await page.GotoAsync(server.Address);
            await page.WaitForFunctionAsync("window.segViewer && window.segViewer.ready === true && window.segViewer.loaded === true",
                null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            await page.EvaluateAsync(Recorder);
            var box = (await page.Locator("#canvas").BoundingBoxAsync())!;
            float cx = box.X + box.Width / 2, cy = box.Y + box.Height / 2;
            await page.Mouse.MoveAsync(cx, cy);

            int zooms = 0;
            while (await page.EvaluateAsync<double>("segViewer.state.view.scale") < 1 && zooms < 20)
            {
                await page.EvaluateAsync("window.__frames = []; window.__recording = true;");
                await page.Mouse.WheelAsync(0, -500);
                zooms++;
                times.ZoomInSettles.Add(await Settled(page));
                await Frames(page, times.ZoomFrames);
            }

            times.ZoomMoves += zooms;
            foreach (var (dx, dy) in new[] { (1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, -1) })
            {
                await page.EvaluateAsync("window.__frames = []; window.__recording = true;");
                await page.Mouse.MoveAsync(cx, cy);
                await page.Mouse.DownAsync();
                for (int step = 1; step <= 30; step++)
                {
                    await page.Mouse.MoveAsync(cx - dx * 20 * step, cy - dy * 20 * step);
                    await Task.Delay(16);
                }

                await page.Mouse.UpAsync();
                await Frames(page, times.Frames);
                times.PanSettles.Add(await Settled(page));
            }

            await page.Mouse.MoveAsync(cx, cy);
            for (int i = 0; i < zooms; i++)
            {
                await page.EvaluateAsync("window.__frames = []; window.__recording = true;");
                await page.Mouse.WheelAsync(0, 500);
                times.ZoomOutSettles.Add(await Settled(page));
                await Frames(page, times.ZoomFrames);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Marks each input event's time and records animation frames while <c>__recording</c>.</summary>
    private const string Recorder = """
        () => {
          const c = document.getElementById('canvas');
          window.__lastInput = performance.now(); window.__frames = []; window.__recording = false;
          const mark = e => { if (e.type === 'wheel' || e.buttons) window.__lastInput = performance.now(); };
          c.addEventListener('mousemove', mark, true); c.addEventListener('wheel', mark, true);
          const loop = t => { if (window.__recording) window.__frames.push(t); requestAnimationFrame(loop); };
          requestAnimationFrame(loop);
        }
        """;

    /// <summary>Stops recording and adds the intervals between the recorded animation frames.</summary>
    private static async Task Frames(IPage page, List<double> into)
    {
        var frames = await page.EvaluateAsync<double[]>("window.__recording = false; window.__frames");
        for (int i = 1; i < frames.Length; i++) into.Add(frames[i] - frames[i - 1]);
    }

    /// <summary>Milliseconds from the last input event until a draw with every visible tile at its level.</summary>
    private static async Task<double> Settled(IPage page)
    {
        var handle = await page.WaitForFunctionAsync(
            "() => segViewer.viewComplete && segViewer.completeAt > window.__lastInput ? segViewer.completeAt - window.__lastInput : null",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        return await handle.JsonValueAsync<double>();
    }

    private static void Print(string label, SequenceTimes t) =>
        Console.WriteLine($"  {label,-18} {Percentile(t.Frames, 0.5),11:F1} ms {Percentile(t.Frames, 0.95),5:F1} ms " +
            $"{Percentile(t.ZoomFrames, 0.5),12:F1} ms {Percentile(t.ZoomFrames, 0.95),5:F1} ms " +
            $"{Percentile(t.ZoomInSettles, 0.5),12:F0} ms {Percentile(t.ZoomInSettles, 0.95),4:F0} ms {Percentile(t.PanSettles, 0.5),8:F0} ms " +
            $"{Percentile(t.PanSettles, 0.95),4:F0} ms {Percentile(t.ZoomOutSettles, 0.5),13:F0} ms {Percentile(t.ZoomOutSettles, 0.95),4:F0} ms {t.Frames.Count + t.ZoomFrames.Count,7}");

    /// <summary>big / small at percentile <paramref name="p"/>; settle times below a millisecond count as one (a ratio of zeros says nothing).</summary>
    private static double Ratio(IEnumerable<double> big, IEnumerable<double> small, double p) =>
        Math.Max(1, Percentile(big, p)) / Math.Max(1, Percentile(small, p));

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static long Mb(long bytes) => bytes >> 20;

}
