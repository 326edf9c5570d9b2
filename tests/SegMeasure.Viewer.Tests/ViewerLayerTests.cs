using SegMeasure.Core.Images;

namespace SegMeasure.Viewer.Tests;

/// <summary>
/// The layers in the real page, checked by the colours of screenshot pixels and the ids the page
/// reports: the grid of several files, the Z slider of a stack, one layer per intensity channel,
/// the nuclei overlay and the contour-only mode.
/// </summary>
public sealed class ViewerLayerTests : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly (int, int, int) Black = (0, 0, 0);
    private readonly ChromiumFixture _chromium;
    private readonly TestImages _images = new();
    private readonly LabelImage _cells = ImageFile.ReadLabels(TestFiles.CellsSeg);
    private readonly LabelImage _nuclei = ImageFile.ReadLabels(TestFiles.NucleiSeg);

    public ViewerLayerTests(ChromiumFixture chromium) => _chromium = chromium;

    public void Dispose() => _images.Dispose();

    [ChromiumFact]
    public async Task The_grid_shows_every_file_side_by_side_and_hover_names_the_member_under_the_mouse()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg), new ViewerMember(TestFiles.NucleiSeg)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        Assert.True(await page.Page.Locator("#grid").IsCheckedAsync());
        await page.LabelsOnly();
        var (cellId, cx, cy) = ViewerSessionTests.Interior(_cells, 3);
        var (nucleusId, nx, ny) = ViewerSessionTests.Interior(_nuclei, 2);
        var cellAt = await page.ScreenOf(0, cx, cy);
        var nucleusAt = await page.ScreenOf(1, nx, ny);
        var shot = await page.Shot();
        ViewerPage.AssertColor(PageColors.OfId(cellId), shot, cellAt);
        ViewerPage.AssertColor(PageColors.OfId(nucleusId), shot, nucleusAt);

        await page.Page.Mouse.MoveAsync(nucleusAt.X, nucleusAt.Y);
        Assert.StartsWith($"nucleus-seg.tif  label {nucleusId}\n", await page.Page.Locator("#hover-info").InnerTextAsync());
        await page.Page.Mouse.MoveAsync(cellAt.X, cellAt.Y);
        Assert.StartsWith($"membrane-seg.tif  label {cellId}\n", await page.Page.Locator("#hover-info").InnerTextAsync());

        // Without the grid only the current file is drawn, fitted to the view: the second file's
        // object is no longer on screen where the grid put it, the first file's is, at its new place.
        await page.Page.Locator("#grid").UncheckAsync();
        await page.Idle();
        shot = await page.Shot();
        ViewerPage.AssertColor(PageColors.OfId(cellId), shot, await page.ScreenOf(0, cx, cy));
        Assert.False(ViewerPage.Close(PageColors.OfId(nucleusId), shot[(int)nucleusAt.X, (int)nucleusAt.Y]));
    }

    [ChromiumFact]
    public async Task The_Z_slider_shows_another_plane_and_hover_reports_that_planes_ids()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(_images.Stack(3))]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        Assert.True(await page.Page.Locator("#z-box").IsVisibleAsync());
        Assert.Equal("2", await page.Page.Locator("#z").GetAttributeAsync("max"));
        await page.LabelsOnly();
        var (x0, y0) = TestImages.SquareOrigin(0, 0);
        var centre = await page.ScreenOf(0, x0 + 6, y0 + 6);
        var leftEdge = await page.ScreenOf(0, x0, y0 + 6);

        var shot = await page.Shot();
        ViewerPage.AssertColor(PageColors.OfId(TestImages.StackId(0, 0)), shot, centre);
        ViewerPage.AssertColor(PageColors.OfId(TestImages.StackId(0, 0)), shot, leftEdge);
        await page.Page.Mouse.MoveAsync(centre.X, centre.Y);
        Assert.Equal($"{TestImages.StackId(0, 0)}", await page.Page.Locator("#hover-info").GetAttributeAsync("data-label"));

        await page.Page.Locator("#z").FillAsync("2");
        await page.Idle();
        Assert.Equal("2", await page.Page.Locator("#z-value").InnerTextAsync());
        shot = await page.Shot();
        // Plane 2's square lies 4 px further right: its id at the centre, background at plane 0's left edge.
        ViewerPage.AssertColor(PageColors.OfId(TestImages.StackId(2, 0)), shot, centre);
        ViewerPage.AssertColor(Black, shot, leftEdge);
        await page.Page.Mouse.MoveAsync(centre.X + 1, centre.Y);
        Assert.Equal($"{TestImages.StackId(2, 0)}", await page.Page.Locator("#hover-info").GetAttributeAsync("data-label"));
        Assert.Contains($"label {TestImages.StackId(2, 0)}\n", await page.Page.Locator("#hover-info").InnerTextAsync());
    }

    [ChromiumFact]
    public async Task Each_channel_is_a_layer_whose_contrast_and_colormap_change_the_pixels()
    {
        var (segmentation, intensity) = _images.TwoChannels();
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(segmentation, intensity)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        Assert.Equal(["Intensity channel 0", "Intensity channel 1"],
            (await page.Page.Locator("#panel-layers h4").AllInnerTextsAsync()).Where(t => t.StartsWith("Intensity", StringComparison.Ordinal)));
        Assert.Equal("green", await page.Page.Locator("#ch0-colormap").InputValueAsync());
        Assert.Equal("magenta", await page.Page.Locator("#ch1-colormap").InputValueAsync());
        await page.Page.Locator("#labels-visible").UncheckAsync();
        await page.Idle();

        // Channel 0 is 200 left of x = 32, channel 1 is 100 above y = 32; each channel's range is its default contrast.
        var shot = await page.Shot();
        ViewerPage.AssertColor((0, 255, 0), shot, await page.ScreenOf(0, 10, 40));
        ViewerPage.AssertColor((255, 0, 255), shot, await page.ScreenOf(0, 40, 10));
        ViewerPage.AssertColor((255, 255, 255), shot, await page.ScreenOf(0, 10, 10));
        ViewerPage.AssertColor(Black, shot, await page.ScreenOf(0, 40, 40));

        await page.Page.Locator("#ch0-max").FillAsync("400");
        await page.Page.Locator("#ch0-max").PressAsync("Tab");
        await page.Page.Locator("#ch1-colormap").SelectOptionAsync("cyan");
        await page.Idle();
        shot = await page.Shot();
        ViewerPage.AssertColor((0, 128, 0), shot, await page.ScreenOf(0, 10, 40));
        ViewerPage.AssertColor((0, 255, 255), shot, await page.ScreenOf(0, 40, 10));

        await page.Page.Locator("#ch1-visible").UncheckAsync();
        await page.Idle();
        ViewerPage.AssertColor(Black, await page.Shot(), await page.ScreenOf(0, 40, 10));
    }

    [ChromiumFact]
    public async Task Nuclei_are_an_overlay_of_their_own_filled_or_as_contours()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw, TestFiles.NucleiSeg)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        await page.LabelsOnly();
        await page.Page.Locator("#labels-visible").UncheckAsync();
        await page.Page.Locator("#nuclei-visible").CheckAsync();
        await page.Page.Locator("#nuclei-opacity").FillAsync("1");
        await page.Page.Locator("#nuclei-contour").UncheckAsync();
        await page.Idle();
        var nuclei = new[] { 0, 4, 9 }.Select(k => ViewerSessionTests.Interior(_nuclei, k)).ToArray();
        var shot = await page.Shot();
        foreach (var (id, x, y) in nuclei)
            ViewerPage.AssertColor(PageColors.OfNucleus(id), shot, await page.ScreenOf(0, x, y));

        await page.Page.Locator("#nuclei-contour").CheckAsync();
        await page.Idle();
        shot = await page.Shot();
        foreach (var (id, x, y) in nuclei)
        {
            ViewerPage.AssertColor(Black, shot, await page.ScreenOf(0, x, y));
            ViewerPage.AssertColor(PageColors.OfNucleus(id), shot, await page.ScreenOf(0, LeftEdge(_nuclei, x, y), y));
        }

        await page.Page.Locator("#nuclei-visible").UncheckAsync();
        await page.Idle();
        shot = await page.Shot();
        foreach (var (_, x, y) in nuclei) ViewerPage.AssertColor(Black, shot, await page.ScreenOf(0, LeftEdge(_nuclei, x, y), y));
    }

    [ChromiumFact]
    public async Task Contour_only_mode_colours_each_objects_boundary_and_leaves_its_inside_clear()
    {
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(TestFiles.CellsSeg, TestFiles.CellsRaw)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        await page.LabelsOnly();
        var cells = new[] { 1, 6, 11 }.Select(k => ViewerSessionTests.Interior(_cells, k)).ToArray();
        var shot = await page.Shot();
        foreach (var (id, x, y) in cells) ViewerPage.AssertColor(PageColors.OfId(id), shot, await page.ScreenOf(0, x, y));

        await page.Page.Locator("#labels-contour").CheckAsync();
        await page.Idle();
        shot = await page.Shot();
        foreach (var (id, x, y) in cells)
        {
            ViewerPage.AssertColor(Black, shot, await page.ScreenOf(0, x, y));
            ViewerPage.AssertColor(PageColors.OfId(id), shot, await page.ScreenOf(0, LeftEdge(_cells, x, y), y));
        }
    }

    /// <summary>The leftmost pixel of the run of (x, y)'s id along row y: a boundary pixel of that object.</summary>
    private static int LeftEdge(LabelImage image, int x, int y)
    {
        var id = image[0, y, x];
        while (x > 0 && image[0, y, x - 1] == id) x--;
        return x;
    }
}
