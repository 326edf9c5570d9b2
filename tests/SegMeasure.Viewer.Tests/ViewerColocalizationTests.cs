using System.Globalization;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Images;

namespace SegMeasure.Viewer.Tests;

/// <summary>
/// The colocalization widget: selecting an object shows the core's cytofluorogram of two channels
/// inside it (the same numbers as the core on a whole-image mask of that object) and plots its pixel pairs.
/// </summary>
public sealed class ViewerColocalizationTests : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly ChromiumFixture _chromium;
    private readonly TestImages _images = new();

    public ViewerColocalizationTests(ChromiumFixture chromium) => _chromium = chromium;

    public void Dispose() => _images.Dispose();

    [ChromiumFact]
    public async Task Selecting_an_object_shows_the_cytofluorogram_of_its_pixels()
    {
        var (segmentation, intensity) = _images.CorrelatedChannels();
        await using var server = ViewerServer.Start(ViewerSession.Create([new ViewerMember(segmentation, intensity)]));
        await using var page = await ViewerPage.OpenAsync(_chromium.Browser!, server);
        await page.Page.Locator("#tabs button[data-tab=colocalization]").ClickAsync();
        await page.Idle();
        Assert.Equal("select one object", await page.Page.Locator("#co-report").InnerTextAsync());

        foreach (var (id, x, y) in new[] { (1u, 10, 10), (2u, 40, 40) })
        {
            var at = await page.ScreenOf(0, x, y);
            await page.Page.Mouse.ClickAsync(at.X, at.Y);
            await page.Page.WaitForFunctionAsync($"document.getElementById('co-report').innerText.includes('object: {id}')");
            await page.Idle();
            var shown = Report(await page.Page.Locator("#co-report").InnerTextAsync());
            var expected = Expected(segmentation, intensity, id);
            Assert.Equal(expected.A.Count, (int)shown["pixels"]);
            AssertShown(expected.Line.Slope, shown, "slope");
            AssertShown(expected.Line.Intercept, shown, "intercept");
            AssertShown(expected.ThresholdA, shown, "thresholdA");
            AssertShown(expected.ThresholdB, shown, "thresholdB");
            if (id == 1)
            {
                Assert.True(expected.Line.Slope > 1, "object 1's channels rise together");
                await AssertPlotted(page, expected);
                await page.SaveToDocs("colocalization");
            }
            else
            {
                Assert.Equal(-1, expected.Line.Slope, 9);
            }
        }
    }

    /// <summary>The core's cytofluorogram of object <paramref name="id"/> over the whole image.</summary>
    private static CytofluorogramResult Expected(string segmentation, string intensity, uint id)
    {
        var image = ImageFile.ReadIntensity(intensity);
        var labels = ImageFile.ReadLabels(segmentation);
        var mask = new LabelImage(labels.Data.Select(v => v == id ? 1u : 0u).ToArray(), labels.Shape);
        return Cytofluorogram.Compute(new IntensityImage([image.GetChannelArray(0)], image.Shape, image.PixelType),
            new IntensityImage([image.GetChannelArray(1)], image.Shape, image.PixelType), mask);
    }

    /// <summary>
    /// One pixel pair off the regression line and the threshold lines is drawn where the axes (0 to each
    /// channel's maximum, 10 px margin) put it, in the points' colour; a corner without points keeps the plot's #111 background.
    /// </summary>
    private static async Task AssertPlotted(ViewerPage page, CytofluorogramResult expected)
    {
        var box = (await page.Page.Locator("#coloc").BoundingBoxAsync())!;
        double maxA = expected.A.Max(), maxB = expected.B.Max();
        double Sx(double a) => 10 + a / maxA * (box.Width - 20);
        double Sy(double b) => box.Height - 10 - b / maxB * (box.Height - 20);
        double LineY(double a) => Sy(expected.Line.Intercept + expected.Line.Slope * a);
        int pick = Enumerable.Range(0, expected.A.Count).First(i =>
            Math.Abs(Sy(expected.B[i]) - LineY(expected.A[i])) > 4 && Math.Abs(Sx(expected.A[i]) - Sx(expected.ThresholdA)) > 3
            && Math.Abs(Sy(expected.B[i]) - Sy(expected.ThresholdB)) > 3 && Sy(expected.B[i]) > 3);
        var shot = await page.Shot();
        ViewerPage.AssertColor((0x50, 0xc8, 0xff), shot, (box.X + (float)Sx(expected.A[pick]), box.Y + (float)Sy(expected.B[pick])));
        ViewerPage.AssertColor((17, 17, 17), shot, (box.X + box.Width - 4, box.Y + box.Height - 4));
    }

    private static Dictionary<string, double> Report(string text) => text.Split('\n')
        .Select(line => line.Split(": ", 2))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>A finite value is shown (to display precision); an undefined one (NaN) is left out.</summary>
    private static void AssertShown(double expected, Dictionary<string, double> shown, string key)
    {
        if (!double.IsFinite(expected))
        {
            Assert.False(shown.ContainsKey(key), $"{key} is undefined for this object but shown as {shown.GetValueOrDefault(key)}");
            return;
        }

        double actual = shown[key];
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{key} shown {actual}, the core computes {expected}");
    }
}
