using SegMeasure.Core.Images;

namespace SegMeasure.Viewer.Tests;

/// <summary>
/// Selection in the real page: a lasso in the clustering scatter selects exactly the objects whose
/// points it encloses, in the table and in the image; a table row selects its object in the image
/// and a click on an object selects its row.
/// </summary>
public sealed class ViewerSelectionTests : IClassFixture<ChromiumFixture>
{
    /// <summary>A selected object is drawn white at 80 % over the (hidden, so black) intensity.</summary>
    private static readonly (int, int, int) Selected = (204, 204, 204);

    private readonly ChromiumFixture _chromium;
    private readonly LabelImage _cells = ImageFile.ReadLabels(TestFiles.CellsSeg);

    public ViewerSelectionTests(ChromiumFixture chromium) => _chromium = chromium;

    [ChromiumFact]
    public async Task A_lasso_in_the_scatter_selects_the_enclosed_objects_in_the_table_and_the_image()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        await page.LabelsOnly();
        await page.Page.Locator("#tabs button[data-tab=clustering]").ClickAsync();
        await page.Page.Locator("#emb-run").ClickAsync();
        await page.Page.WaitForFunctionAsync("segViewer.state.viewer.members[0].embedding !== null");
        await page.Idle();

        // The scatter maps the embedding's range onto its canvas with a 10 px margin; cut the first
        // axis at the widest gap of its middle half, and lasso everything left of the cut.
        var embedding = server.Session.Members[0].Embedding!;
        var xs = embedding.Select(p => p[0]).ToArray();
        double minX = xs.Min(), maxX = xs.Max();
        var sorted = xs.Order().ToArray();
        int gap = Enumerable.Range(sorted.Length / 4, sorted.Length / 2).MaxBy(i => sorted[i + 1] - sorted[i]);
        double cut = (sorted[gap] + sorted[gap + 1]) / 2;
        var expectedRows = Enumerable.Range(0, xs.Length).Where(r => xs[r] < cut).ToHashSet();
        Assert.InRange(expectedRows.Count, 1, xs.Length - 1);

        var box = (await page.Page.Locator("#scatter").BoundingBoxAsync())!;
        float cutX = box.X + (float)(10 + (cut - minX) / (maxX - minX) * (box.Width - 20));
        await page.Page.Mouse.MoveAsync(box.X + 2, box.Y + 2);
        await page.Page.Mouse.DownAsync();
        await page.Page.Mouse.MoveAsync(cutX, box.Y + 2, new() { Steps = 5 });
        await page.Page.Mouse.MoveAsync(cutX, box.Y + box.Height - 2, new() { Steps = 5 });
        await page.Page.Mouse.MoveAsync(box.X + 2, box.Y + box.Height - 2, new() { Steps = 5 });
        await page.Page.Mouse.UpAsync();
        await page.Idle();

        var selectedRows = (await page.Page.Locator("#features tbody tr.selected").EvaluateAllAsync<int[]>("rows => rows.map(r => +r.dataset.row)")).ToHashSet();
        Assert.Equal(expectedRows.Order(), selectedRows.Order());

        var table = server.Session.ResultTables()[0];
        var index = table["index"];
        var shot = await page.Shot();
        foreach (int k in new[] { 0, 5, 10, 15, 20 })
        {
            var (id, x, y) = ViewerSessionTests.Interior(_cells, k);
            int row = Enumerable.Range(0, table.RowCount).First(r => index.GetDouble(r) == id);
            ViewerPage.AssertColor(expectedRows.Contains(row) ? Selected : PageColors.OfId(id), shot, await page.ScreenOf(0, x, y));
        }
    }

    [ChromiumFact]
    public async Task A_table_row_selects_its_object_in_the_image_and_a_click_on_an_object_selects_its_row()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        await page.LabelsOnly();
        var (first, fx, fy) = ViewerSessionTests.Interior(_cells, 7);
        var (second, sx, sy) = ViewerSessionTests.Interior(_cells, 13);

        await page.Page.Locator("#tabs button[data-tab=table]").ClickAsync();
        await page.Page.Locator("#table-filter").FillAsync($"index = {first}");
        Assert.Equal(1, await page.Page.Locator("#features tbody tr").CountAsync());
        await page.Page.Locator("#features tbody tr").ClickAsync();
        await page.Idle();
        var shot = await page.Shot();
        ViewerPage.AssertColor(Selected, shot, await page.ScreenOf(0, fx, fy));
        ViewerPage.AssertColor(PageColors.OfId(second), shot, await page.ScreenOf(0, sx, sy));

        await page.Page.Locator("#table-filter").FillAsync("");
        var at = await page.ScreenOf(0, sx, sy);
        await page.Page.Mouse.ClickAsync(at.X, at.Y);
        await page.Idle();
        var headers = (await page.Page.Locator("#features thead th").AllInnerTextsAsync()).ToList();
        int indexColumn = headers.FindIndex(h => h.Trim() == "index");
        var selected = page.Page.Locator("#features tbody tr.selected");
        Assert.Equal(1, await selected.CountAsync());
        Assert.Equal($"{second}", await selected.Locator($"td:nth-child({indexColumn + 1})").InnerTextAsync());
        shot = await page.Shot();
        ViewerPage.AssertColor(Selected, shot, at);
        ViewerPage.AssertColor(PageColors.OfId(first), shot, await page.ScreenOf(0, fx, fy));
    }
}
