using Microsoft.Playwright;

namespace SegMeasure.Viewer.Tests;

/// <summary>The viewer's page in a fresh tab, with what the browser tests ask of it: waits, image-to-screen geometry, screenshots and colour checks.</summary>
internal sealed class ViewerPage : IAsyncDisposable
{
    private ViewerPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<ViewerPage> OpenAsync(IBrowser browser, ViewerServer server)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            // The page's policy forbids string evaluation; the test's waits are such strings.
            BypassCSP = true,
        });
        await page.GotoAsync(server.Address);
        await page.WaitForFunctionAsync("window.segViewer && window.segViewer.ready === true && window.segViewer.loaded === true");
        return new ViewerPage(page);
    }

    /// <summary>Every request answered and every visible tile drawn at its level.</summary>
    public Task Idle() => Page.WaitForFunctionAsync("segViewer.idle() && segViewer.viewComplete");

    /// <summary>Screen position of the centre of image pixel (x, y) of member <paramref name="member"/>.</summary>
    public async Task<(float X, float Y)> ScreenOf(int member, int x, int y)
    {
        var p = await Page.EvaluateAsync<double[]>($"(p => [p.x, p.y])(segViewer.imageToScreen({member}, {x} + 0.5, {y} + 0.5))");
        return ((float)p[0], (float)p[1]);
    }

    /// <summary>Shows the label colours bare: no intensity under them, full opacity.</summary>
    public async Task LabelsOnly()
    {
        foreach (var box in await Page.Locator("#panel-layers input[id$='-visible']").AllAsync())
            if (await box.GetAttributeAsync("id") is { } id && id.StartsWith("ch", StringComparison.Ordinal)) await box.UncheckAsync();
        if (await Page.Locator("#nuclei-visible").CountAsync() > 0) await Page.Locator("#nuclei-visible").UncheckAsync();
        await Page.Locator("#labels-opacity").FillAsync("1");
        await Idle();
    }

    public async Task<PngPixels> Shot() => PngPixels.Decode(await Page.ScreenshotAsync());

    public async Task<(int R, int G, int B)> PixelAt(int member, int x, int y)
    {
        var (sx, sy) = await ScreenOf(member, x, y);
        return (await Shot())[(int)sx, (int)sy];
    }

    public static void AssertColor((int R, int G, int B) expected, PngPixels shot, (float X, float Y) at)
    {
        var actual = shot[(int)at.X, (int)at.Y];
        Assert.True(Close(expected, actual), $"pixel at ({at.X}, {at.Y}) is {actual}, expected {expected}");
    }

    public static bool Close((int R, int G, int B) a, (int R, int G, int B) b) =>
        Math.Abs(a.R - b.R) <= 2 && Math.Abs(a.G - b.G) <= 2 && Math.Abs(a.B - b.B) <= 2;

    /// <summary>Writes the page as docs/viewer/<paramref name="name"/>.png, a picture for the README.</summary>
    public async Task SaveToDocs(string name)
    {
        var folder = Path.Combine(TestFiles.Repository, "docs", "viewer");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
    }

    public ValueTask DisposeAsync() => new(Page.CloseAsync());
}
