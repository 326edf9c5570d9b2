using Microsoft.Playwright;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer.Tests;

/// <summary>
/// The real page in headless Chromium on the bundled example: hover, colours in a screenshot,
/// the threshold, clustering and classification widgets, and Done. Each widget's screenshot is
/// written to docs/viewer/ for the README.
/// </summary>
public sealed class ViewerPageTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ChromiumFixture _chromium;
    private readonly LabelImage _cells = ImageFile.ReadLabels(TestFiles.CellsSeg);
    private ViewerServer? _server;
    private IPage? _page;

    public ViewerPageTests(ChromiumFixture chromium) => _chromium = chromium;

    private ViewerServer Server => _server!;
    private IPage Page => _page!;

    public async Task InitializeAsync()
    {
        if (_chromium.Browser is null) return;
        _server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw, TestFiles.NucleiSeg)]));
        _page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            // The page's policy forbids string evaluation; the test's waits are such strings.
            BypassCSP = true,
        });
        await Page.GotoAsync(Server.Address);
        await Page.WaitForFunctionAsync("window.segViewer && window.segViewer.ready === true && window.segViewer.loaded === true");
    }

    public async Task DisposeAsync()
    {
        if (_page is not null) await _page.CloseAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    [ChromiumFact]
    public async Task Hovering_an_object_shows_its_label_id_and_row()
    {
        foreach (int k in new[] { 0, 5, 12 })
        {
            var (id, x, y) = ViewerSessionTests.Interior(_cells, k);
            var (sx, sy) = await ScreenOf(x, y);
            await Page.Mouse.MoveAsync(sx, sy);
            var text = await Page.Locator("#hover-info").InnerTextAsync();
            Assert.Contains($"label {id}\n", text);
            Assert.Contains($"index={id}", text);
        }

        await Screenshot("layers");
    }

    [ChromiumFact]
    public async Task Screenshot_pixels_show_each_objects_id_colour_then_its_cluster_colour()
    {
        await Page.Locator("#ch0-visible").UncheckAsync();
        await Page.Locator("#nuclei-visible").UncheckAsync();
        await Page.Locator("#labels-opacity").FillAsync("1");
        await Idle();
        var objects = new[] { 0, 3, 9, 20 }.Select(k => ViewerSessionTests.Interior(_cells, k)).ToArray();
        var shot = PngPixels.Decode(await Page.ScreenshotAsync());
        foreach (var (id, x, y) in objects)
            AssertColor(PageColors.OfId(id), shot, await ScreenOf(x, y));
        var background = Enumerable.Range(0, _cells.Shape.Width).First(x => _cells[0, 0, x] == 0 && _cells[0, 1, x] == 0 && x > 0 && _cells[0, 0, x - 1] == 0);
        AssertColor((0, 0, 0), shot, await ScreenOf(background, 0));

        await Page.Locator("#tabs button[data-tab=clustering]").ClickAsync();
        await Page.Locator("#cl-n").FillAsync("4");
        await Page.Locator("#cl-run").ClickAsync();
        await Page.WaitForFunctionAsync("segViewer.state.viewer.members[0].clusterId[0] !== null && segViewer.state.viewer.members[0].embedding !== null");
        await Idle();
        var clusters = Server.Session.ResultTables()[0];
        shot = PngPixels.Decode(await Page.ScreenshotAsync());
        foreach (var (id, x, y) in objects)
            AssertColor(PageColors.OfTab10(ValueOf(clusters, "cluster_id", id)!.Value), shot, await ScreenOf(x, y));
        await Page.Locator("#tabs button[data-tab=layers]").ClickAsync();
        await Page.Locator("#ch0-visible").CheckAsync();
        await Page.Locator("#labels-opacity").FillAsync("0.5");
        await Page.Locator("#tabs button[data-tab=clustering]").ClickAsync();
        await Idle();
        await Screenshot("clustering");
    }

    [ChromiumFact]
    public async Task Dragging_a_threshold_recategorises_live_as_the_core_does()
    {
        await Page.Locator("#tabs button[data-tab=threshold]").ClickAsync();
        await Page.Locator("#th-column").SelectOptionAsync("area");
        await Page.Locator("#th-suggest").ClickAsync();
        await Page.WaitForFunctionAsync("segViewer.state.thresholds.length === 1 && segViewer.state.viewer.members[0].categoryId[0] !== null");
        await Idle();
        var table = MeasurementFiles();
        double suggested = await Page.EvaluateAsync<double>("segViewer.state.thresholds[0]");
        Assert.Equal(ThresholdSuggestion.Quantiles(ThresholdCategorization.ColumnValues(table, "area"), 2)[0], suggested, 6);

        var box = (await Page.Locator("#histogram").BoundingBoxAsync())!;
        double x0 = await Page.EvaluateAsync<double>("segViewer.xOfValue(segViewer.state.thresholds[0])");
        await Page.Mouse.MoveAsync(box.X + (float)x0, box.Y + 60);
        await Page.Mouse.DownAsync();
        for (int step = 1; step <= 6; step++) await Page.Mouse.MoveAsync(box.X + (float)x0 + 12 * step, box.Y + 60);
        await Page.Mouse.UpAsync();
        await Idle();

        double dragged = await Page.EvaluateAsync<double>("segViewer.state.thresholds[0]");
        Assert.True(dragged > suggested, $"the threshold moved right: {suggested} -> {dragged}");
        var expected = ((IntegerColumn)ThresholdCategorization.Categorize(table, "area", [dragged]).Table["category_id"]).Values;
        Assert.Equal(expected, ((IntegerColumn)Server.Session.ResultTables()[0]["category_id"]).Values);

        await Page.Locator("#th-name-1").FillAsync("large");
        await Page.Locator("#th-name-1").PressAsync("Tab");
        await Idle();
        Assert.Contains("large", ((TextColumn)Server.Session.ResultTables()[0]["category_name"]).Values);
        await Screenshot("threshold");
    }

    [ChromiumFact]
    public async Task Painting_two_classes_trains_live_predictions_reach_the_table_and_Done_returns_the_rows()
    {
        var painted = new[] { (K: 0, Class: 1), (K: 4, Class: 1), (K: 8, Class: 2), (K: 14, Class: 2) };
        await Page.Locator("#tabs button[data-tab=classification]").ClickAsync();
        await Page.Locator("#tool-brush").CheckAsync();
        await Page.Locator("#brush-radius").FillAsync("3");
        foreach (var (k, label) in painted)
        {
            var (_, x, y) = ViewerSessionTests.Interior(_cells, k);
            await Page.Locator("#brush-label").FillAsync($"{label}");
            var (sx, sy) = await ScreenOf(x, y);
            await Page.Mouse.MoveAsync(sx, sy);
            await Page.Mouse.DownAsync();
            await Page.Mouse.MoveAsync(sx + 4, sy + 2, new MouseMoveOptions { Steps = 3 });
            await Page.Mouse.UpAsync();
            await Idle();
        }

        await Page.WaitForFunctionAsync("segViewer.state.viewer.modelReady === true");
        await Page.Locator("#class-name-1").FillAsync("mitotic");
        await Page.Locator("#class-name-1").PressAsync("Tab");
        await Idle();
        await Screenshot("classification");

        await Page.Locator("#tabs button[data-tab=table]").ClickAsync();
        await Page.Locator("#features tbody tr").First.WaitForAsync();
        var headers = await Page.Locator("#features thead th").AllInnerTextsAsync();
        int nameColumn = headers.ToList().FindIndex(h => h.StartsWith("classification_name", StringComparison.Ordinal));
        var shown = await Page.Locator($"#features tbody tr td:nth-child({nameColumn + 1})").AllInnerTextsAsync();
        Assert.Equal(_cells.Data.Where(v => v != 0).Distinct().Count(), shown.Count);
        Assert.All(shown, name => Assert.Contains(name, new[] { "mitotic", "class_2" }));
        Assert.Contains("mitotic", shown);
        Assert.Contains("class_2", shown);
        await Screenshot("table");

        await Page.Locator("#done").ClickAsync();
        await Page.WaitForFunctionAsync("document.body.dataset.done === '1'");
        await Server.Done.WaitAsync(TimeSpan.FromSeconds(10));
        var rows = Server.Session.ResultTables()[0];
        foreach (var (k, label) in painted)
        {
            var (id, _, _) = ViewerSessionTests.Interior(_cells, k);
            Assert.Equal(label, ValueOf(rows, "annotation", id));
            Assert.Equal(label, ValueOf(rows, "classification_id", id));
        }

        Assert.Equal(painted.Length, ((IntegerColumn)rows["annotation"]).Values.Count(v => v > 0));
        var model = Server.Session.Model!.ToJson();
        Assert.Contains("\"format\": \"segmeasure-classifier\"", model);
    }

    private static MeasurementTable MeasurementFiles() => Core.Measurement.MeasurementFiles.Morphology(TestFiles.CellsSeg);

    private static long? ValueOf(MeasurementTable table, string column, uint id)
    {
        var index = (IntegerColumn)table["index"];
        return ((IntegerColumn)table[column])[index.Values.ToList().IndexOf(id)];
    }

    private async Task<(float X, float Y)> ScreenOf(int x, int y)
    {
        var p = await Page.EvaluateAsync<double[]>($"(p => [p.x, p.y])(segViewer.imageToScreen(0, {x} + 0.5, {y} + 0.5))");
        return ((float)p[0], (float)p[1]);
    }

    private Task Idle() => Page.WaitForFunctionAsync("segViewer.idle()");

    private static void AssertColor((int R, int G, int B) expected, PngPixels shot, (float X, float Y) at)
    {
        var actual = shot[(int)at.X, (int)at.Y];
        Assert.True(Math.Abs(actual.R - expected.R) <= 2 && Math.Abs(actual.G - expected.G) <= 2 && Math.Abs(actual.B - expected.B) <= 2,
            $"pixel at ({at.X}, {at.Y}) is {actual}, expected {expected}");
    }

    /// <summary>The README's pictures of each widget, from the real page.</summary>
    private async Task Screenshot(string name)
    {
        var folder = Path.Combine(TestFiles.Repository, "docs", "viewer");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
    }
}
