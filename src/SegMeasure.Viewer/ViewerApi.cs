using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Analysis.Classifiers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Tables;
using SegMeasure.Viewer.Http;

namespace SegMeasure.Viewer;

/// <summary>
/// The page's endpoints. Files are addressed by member number only; tiles are binary; the
/// table, analysis requests and results are JSON. Analysis endpoints return the viewer's columns
/// of every member so the page repaints from one answer.
/// </summary>
internal sealed class ViewerApi
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly ViewerSession _session;
    private readonly Action _done;
    private readonly string _token;
    private readonly TileCache _tiles;

    public ViewerApi(ViewerSession session, string token, Action done)
    {
        _session = session;
        _token = token;
        _done = done;
        _tiles = new TileCache(session.Options.TileCacheBytes);
    }

    /// <summary>Bytes of encoded tiles held now (at most the session's <see cref="ViewerOptions.TileCacheBytes"/>).</summary>
    public long TileCacheBytes => _tiles.SizeBytes;

    public Task<HttpResponse> HandleAsync(HttpRequest request, CancellationToken cancellation) =>
        Task.Run(() => Handle(request, cancellation), cancellation);

    private HttpResponse Handle(HttpRequest request, CancellationToken cancellation)
    {
        try
        {
            return (request.Method, request.Path) switch
            {
                ("GET", "/") => Page(),
                ("GET", var p) when p.StartsWith("/assets/", StringComparison.Ordinal) => Asset(p["/assets/".Length..]),
                ("GET", "/api/session") => SessionInfo(),
                ("GET", "/api/table") => Table(),
                ("GET", "/api/tile") => Tile(request),
                ("GET", "/api/state") => State(null),
                ("GET", "/api/classifier.json") => SavedModel(),
                ("POST", "/api/threshold/suggest") => Suggest(Body(request)),
                ("POST", "/api/threshold/apply") => Categorize(Body(request)),
                ("POST", "/api/cluster") => Cluster(Body(request), cancellation),
                ("POST", "/api/embed") => Embed(Body(request), cancellation),
                ("POST", "/api/paint") => Paint(Body(request), cancellation),
                ("POST", "/api/classify") => Classify(Body(request), cancellation),
                ("POST", "/api/class-name") => RenameClass(Body(request)),
                ("POST", "/api/colocalization") => Colocalization(Body(request)),
                ("POST", "/api/done") => Finish(),
                ("POST", "/api/timing") => Timing(Body(request)),
                _ => HttpResponse.NotFound(),
            };
        }
        catch (SegMeasureException e)
        {
            return HttpResponse.Json(JsonSerializer.Serialize(new { error = e.Message }, Json), 400);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return HttpResponse.BadRequest(e.Message);
        }
    }

    /// <summary>The page, with the token its asset links need (the token is hex, so it needs no escaping).</summary>
    private HttpResponse Page() => new(200, ViewerAssets.ContentTypeOf("index.html"),
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ViewerAssets.Read("index.html")!).Replace("{{TOKEN}}", _token)));

    private static HttpResponse Asset(string name) =>
        ViewerAssets.Read(name) is { } bytes ? new HttpResponse(200, ViewerAssets.ContentTypeOf(name), bytes) : HttpResponse.NotFound();

    private static JsonElement Body(HttpRequest request) =>
        request.Body.Length == 0 ? default : JsonDocument.Parse(request.Body).RootElement.Clone();

    private HttpResponse SessionInfo()
    {
        var members = _session.Members.Select((m, i) => new
        {
            index = i,
            name = m.Member.DisplayName,
            depth = m.Images.Shape.Depth,
            height = m.Images.Shape.Height,
            width = m.Images.Shape.Width,
            is2D = m.Images.Shape.Is2D,
            levels = TileEncoder.LevelCount(m.Images.Shape),
            hasNuclei = m.Member.NucleusPath is not null,
            channels = m.Images.Ranges.Select(r => new { min = r.Min, max = r.Max }).ToArray(),
        }).ToArray();
        return HttpResponse.Json(JsonSerializer.Serialize(new
        {
            tileSize = TileEncoder.TileSize,
            groupName = _session.Options.GroupName,
            group = _session.Options.Group,
            grid = _session.Options.Grid,
            viewerColumns = ViewerColumns.Names,
            members,
        }, Json));
    }

    /// <summary>Every member's rows: column names and kinds once, then rows as arrays (NaN as null).</summary>
    private HttpResponse Table()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("members");
            foreach (var m in _session.Members)
            {
                w.WriteStartObject();
                w.WriteStartArray("columns");
                foreach (var c in m.Table.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("rows");
                for (int r = 0; r < m.Table.RowCount; r++)
                {
                    w.WriteStartArray();
                    foreach (var c in m.Table.Columns) WriteValue(w, c.GetValue(r));
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return new HttpResponse(200, "application/json; charset=utf-8", stream.ToArray());
    }

    private HttpResponse Tile(HttpRequest request)
    {
        int member = IntArg(request, "m"), z = IntArg(request, "z"), level = IntArg(request, "level"), tx = IntArg(request, "tx"), ty = IntArg(request, "ty");
        if (member < 0 || member >= _session.MemberCount) return HttpResponse.NotFound();
        var images = _session.Members[member].Images;
        if (TileEncoder.Extent(images.Shape, z, level, tx, ty) is not { } extent) return HttpResponse.NotFound();
        var layer = request.QueryValue("layer");
        int channel = layer == "intensity" ? IntArg(request, "c") : 0;
        Func<byte[]>? make = layer switch
        {
            "labels" => () => TileEncoder.Labels(images.Segmentation.Data, images.Shape, z, level, extent),
            "nuclei" when images.Nuclei is { } nuclei => () => TileEncoder.Labels(nuclei.Data, images.Shape, z, level, extent),
            "intensity" when images.Intensity is { } intensity && channel >= 0 && channel < intensity.ChannelCount =>
                () => TileEncoder.Intensities(intensity, channel, z, level, extent),
            _ => null,
        };
        var bytes = make is null ? null : _tiles.GetOrAdd(new TileKey(member, layer!, channel, z, level, tx, ty), make);
        return bytes is null ? HttpResponse.NotFound()
            : new HttpResponse(200, "application/octet-stream", bytes,
                [("X-Tile-Width", extent.Width.ToString(CultureInfo.InvariantCulture)), ("X-Tile-Height", extent.Height.ToString(CultureInfo.InvariantCulture))]);
    }

    private HttpResponse Suggest(JsonElement body)
    {
        var method = Text(body, "method", "quantiles") == "otsu" ? ThresholdMethod.Otsu : ThresholdMethod.Quantiles;
        var thresholds = _session.SuggestThresholds(Member(body), Text(body, "column"), Int(body, "categories", 2), method);
        return HttpResponse.Json(JsonSerializer.Serialize(new { thresholds = thresholds.Select(Finite) }, Json));
    }

    private HttpResponse Categorize(JsonElement body)
    {
        var thresholds = body.GetProperty("thresholds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var names = body.TryGetProperty("names", out var n) && n.ValueKind == JsonValueKind.Array ? n.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : null;
        var result = _session.Categorize(Member(body), Text(body, "column"), thresholds, names);
        return State(new { thresholds = result.Thresholds, names = result.CategoryNames, counts = result.CategoryCounts });
    }

    private HttpResponse Cluster(JsonElement body, CancellationToken cancellation)
    {
        var options = new ClusteringOptions
        {
            Method = ClusteringMethodNames.Parse(Text(body, "method", "kmeans")),
            Clusters = Int(body, "nClusters", 3),
            Eps = Number(body, "eps", 0.5),
            MinSamples = Int(body, "minSamples", 0) is > 0 and var minSamples ? minSamples : null,
            MinClusterSize = Int(body, "minClusterSize", 5),
            Bandwidth = Number(body, "bandwidth", 0),
        };
        var result = _session.Cluster(Member(body), options, cancellation);
        return State(new { clusters = result.ClusterCount, noise = result.NoiseCount, skipped = result.SkippedSummary });
    }

    private HttpResponse Embed(JsonElement body, CancellationToken cancellation)
    {
        var result = _session.Embed(Member(body), new EmbeddingOptions { Method = EmbeddingMethodNames.Parse(Text(body, "method", "pca")) }, cancellation);
        return State(new { embedded = result.EmbeddedRows, skipped = result.SkipMessage });
    }

    /// <summary>A brush or eraser stroke; with <c>live</c> the classifier is retrained and reapplied at once.</summary>
    private HttpResponse Paint(JsonElement body, CancellationToken cancellation)
    {
        var coordinates = body.GetProperty("points").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var points = Enumerable.Range(0, coordinates.Length / 2).Select(i => (coordinates[2 * i], coordinates[2 * i + 1])).ToArray();
        _session.Paint(Int(body, "member", 0), new BrushStroke(Int(body, "z", 0), Int(body, "label", 1), Number(body, "radius", 5), points));
        string? message = null;
        if (body.TryGetProperty("live", out var live) && live.ValueKind == JsonValueKind.True)
            message = TryClassify(body, cancellation);
        return State(new { message });
    }

    private HttpResponse Classify(JsonElement body, CancellationToken cancellation) =>
        TryClassify(body, cancellation) is { } problem
            ? HttpResponse.Json(JsonSerializer.Serialize(new { error = problem }, Json), 400)
            : State(null);

    /// <summary>Trains and applies; null on success, else why not (no annotation yet is normal while painting).</summary>
    private string? TryClassify(JsonElement body, CancellationToken cancellation)
    {
        var options = new ClassifierOptions
        {
            Method = ClassifierMethodNames.Parse(Text(body, "method", "random_forest")),
            Estimators = Int(body, "nEstimators", 100),
            MaxDepth = Int(body, "maxDepth", 0),
            C = Number(body, "c", 1.0),
            MaxIterations = Int(body, "maxIter", 1000),
        };
        try
        {
            _session.Classify(Member(body), options, cancellation);
            return null;
        }
        catch (SegMeasureException e)
        {
            return e.Message;
        }
    }

    /// <summary>At most this many pixel pairs go to the page's scatter (evenly spaced); the line and thresholds use all.</summary>
    private const int ScatterPoints = 5000;

    /// <summary>The cytofluorogram of one object (two channels of its member): pairs for the scatter, the line, the thresholds.</summary>
    private HttpResponse Colocalization(JsonElement body)
    {
        var options = new ColocalizationOptions { ThresholdMethod = ColocalizationThresholdMethods.Parse(Text(body, "method", "costes")) };
        var id = body.GetProperty("id").GetUInt32();
        var result = _session.Cytofluorogram(Int(body, "member", 0), id, Int(body, "channelA", 0), Int(body, "channelB", 1), options);
        if (result is null) return HttpResponse.Json(JsonSerializer.Serialize(new { error = $"there is no object {id}" }, Json), 404);
        int step = Math.Max(1, (result.A.Count + ScatterPoints - 1) / ScatterPoints);
        var shown = Enumerable.Range(0, (result.A.Count + step - 1) / step).Select(i => i * step).ToArray();
        return HttpResponse.Json(JsonSerializer.Serialize(new
        {
            id,
            pixels = result.A.Count,
            a = shown.Select(i => result.A[i]),
            b = shown.Select(i => result.B[i]),
            slope = Finite(result.Line.Slope),
            intercept = Finite(result.Line.Intercept),
            thresholdA = Finite(result.ThresholdA),
            thresholdB = Finite(result.ThresholdB),
        }, Json));
    }

    private HttpResponse RenameClass(JsonElement body)
    {
        _session.RenameClass(body.GetProperty("id").GetInt64(), Text(body, "name"));
        return State(null);
    }

    private HttpResponse SavedModel() => _session.Model is { } model
        ? new HttpResponse(200, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(model.ToJson()),
            [("Content-Disposition", "attachment; filename=\"classifier.json\"")])
        : HttpResponse.Json(JsonSerializer.Serialize(new { error = "no classifier has been trained yet" }, Json), 409);

    /// <summary>The page reports when its first view is painted (read by the benchmark).</summary>
    private HttpResponse Timing(JsonElement body)
    {
        _session.ReportFirstPaint(Number(body, "firstPaintMs", double.NaN));
        return HttpResponse.Json("{}");
    }

    private HttpResponse Finish()
    {
        _done();
        return HttpResponse.Json("{\"done\":true}");
    }

    /// <summary>The viewer's columns of every member (and embeddings), plus what the request reports.</summary>
    private HttpResponse State(object? report)
    {
        var members = _session.Snapshot(m => new
        {
            annotation = m.Columns.Annotation,
            categoryId = m.Columns.CategoryId,
            categoryName = m.Columns.CategoryName,
            clusterId = m.Columns.ClusterId,
            classificationId = m.Columns.ClassificationId,
            classificationName = m.Columns.ClassificationName,
            embedding = m.Embedding?.Select(p => p.Select(Finite).ToArray()).ToArray(),
        });
        var classNames = _session.ClassNames.OrderBy(p => p.Key).Select(p => new { id = p.Key, name = p.Value }).ToArray();
        return HttpResponse.Json(JsonSerializer.Serialize(new { members, classNames, modelReady = _session.Model is not null, report }, Json));
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The analysis target: a member number, or the whole group when absent or negative.</summary>
    private static int? Member(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("target", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null;

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case long l: w.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case double: w.WriteNullValue(); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static int IntArg(HttpRequest request, string name) =>
        int.TryParse(request.QueryValue(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;

    private static string Text(JsonElement body, string name, string? fallback = null) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
        : fallback ?? throw new KeyNotFoundException($"'{name}' is required");

    private static int Int(JsonElement body, string name, int fallback) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;

    private static double Number(JsonElement body, string name, double fallback) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
}
