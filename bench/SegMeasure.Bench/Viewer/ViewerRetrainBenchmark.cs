using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using SegMeasure.Viewer;

namespace SegMeasure.Bench;

/// <summary>
/// The classification widget's live update on 10 000 objects: each brush stroke is a POST to
/// /api/paint with <c>live</c>, as the page sends it, and the server projects the paint onto the
/// objects, retrains on the annotated rows, predicts every row and answers with the viewer's
/// columns. Times that whole request (HTTP included) for strokes on new objects after a first
/// set of annotations, for the random forest and logistic regression. The target is 1 s.
/// </summary>
public sealed class ViewerRetrainBenchmark : IBenchmark
{
    public string Name => "viewer-retrain";

    public string Description => "viewer: live retrain request (paint + train + predict) on 10 000 objects, random forest and logistic regression (--objects N --strokes N)";

    public int Run(string[] args)
    {
        int objects = int.Parse(BenchmarkTools.Option(args, "--objects", "10000"));
        int strokes = int.Parse(BenchmarkTools.Option(args, "--strokes", "15"));
        int annotatedFirst = int.Parse(BenchmarkTools.Option(args, "--annotated", "40"));
        var folder = Directory.CreateTempSubdirectory("segmeasure-viewer-retrain-").FullName;
        try
        {
            var (path, side, pitch) = WriteObjects(folder, objects);
            var clock = Stopwatch.StartNew();
            var session = ViewerSession.Create([new ViewerMember(path)]);
            double open = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"viewer live retrain, {session.ResultTables()[0].RowCount} objects ({side}x{side}, morphology features), " +
                $"{annotatedFirst} objects annotated first, then {strokes} timed strokes per method; session opened in {open:F2} s");
            foreach (var method in new[] { "random_forest", "logistic_regression" })
            {
                var times = Strokes(session, method, side / pitch, pitch, annotatedFirst, strokes).GetAwaiter().GetResult();
                Console.WriteLine($"  {method,-20} median {BenchmarkTools.Median(times):F3} s  max {times.Max():F3} s  [{BenchmarkTools.Format(times)}]  (target < 1 s)");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A fresh server per method; strokes alternate between two classes on objects not painted before.</summary>
    private static async Task<List<double>> Strokes(ViewerSession session, string method, int cells, int pitch, int annotatedFirst, int timed)
    {
        await using var server = ViewerServer.Start(session);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        http.DefaultRequestHeaders.Add("X-SegMeasure-Token", server.Token);
        var random = new Random(method.Length);
        var times = new List<double>();
        for (int stroke = 0; stroke < annotatedFirst + timed; stroke++)
        {
            int cell = random.Next(cells * cells);
            double x = cell % cells * pitch + 6, y = cell / cells * pitch + 6;
            // The class follows the object's shape (see WriteObjects), so both classes are learnable.
            int label = ClassOf(cell) + 1;
            bool live = stroke >= annotatedFirst;
            var body = new
            {
                target = -1, method, nEstimators = 100, maxDepth = 0, c = 1.0, maxIter = 1000,
                member = 0, z = 0, label, radius = 3, points = new[] { x, y, x + 2, y + 1 }, live,
            };
            var clock = Stopwatch.StartNew();
            // A body of known length, as the browser sends it (the server refuses chunked bodies).
            using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("api/paint", content);
            var answer = await response.Content.ReadAsStringAsync();
            if (live && JsonDocument.Parse(answer).RootElement.GetProperty("report").GetProperty("message").GetString() is { } problem)
                throw new InvalidOperationException($"the live retrain failed: {problem}");
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/api/paint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (live) times.Add(clock.Elapsed.TotalSeconds);
        }

        if (session.Model is null) throw new InvalidOperationException("no model was trained");
        return times;
    }

    private static int ClassOf(int cell) => cell * 2654435761u % 7 < 3 ? 0 : 1;

    /// <summary>(side / pitch)² rectangles, one per grid cell; class 0 objects are wide and short, class 1 tall, sizes jittered.</summary>
    private static (string Path, int Side, int Pitch) WriteObjects(string folder, int objects)
    {
        const int pitch = 24;
        int cells = (int)Math.Ceiling(Math.Sqrt(objects)), side = cells * pitch;
        var labels = new uint[side * side];
        for (int cell = 0; cell < cells * cells; cell++)
        {
            int jitter = (int)(cell * 40503u % 5);
            var (w, h) = ClassOf(cell) == 0 ? (18 - jitter, 9 + jitter / 2) : (9 + jitter / 2, 18 - jitter);
            int x0 = cell % cells * pitch + 2, y0 = cell / cells * pitch + 2;
            for (int y = y0; y < y0 + h; y++)
                for (int x = x0; x < x0 + w; x++)
                    labels[y * side + x] = (uint)(cell + 1);
        }

        var path = Path.Combine(folder, "objects-seg.tif");
        ImageFile.WriteLabels(path, new LabelImage(labels, ImageShape.Of2D(side, side)), new TiffWriteOptions { Compression = TiffCompression.None, Overwrite = true });
        return (path, side, pitch);
    }
}
