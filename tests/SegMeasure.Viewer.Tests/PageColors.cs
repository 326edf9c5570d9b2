namespace SegMeasure.Viewer.Tests;

/// <summary>The colours the page must draw, stated independently of its script: a golden-ratio hue per label id, and matplotlib's tab10.</summary>
internal static class PageColors
{
    private static readonly string[] Tab10 = ["1f77b4", "ff7f0e", "2ca02c", "d62728", "9467bd", "8c564b", "e377c2", "7f7f7f", "bcbd22", "17becf"];

    public static (int R, int G, int B) OfId(uint id)
    {
        double h = id * 0.618033988749895 % 1, s = 0.7, v = 0.95;
        int i = (int)Math.Floor(h * 6);
        double f = h * 6 - i, p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
        var (r, g, b) = (i % 6) switch { 0 => (v, t, p), 1 => (q, v, p), 2 => (p, v, t), 3 => (p, q, v), 4 => (t, p, v), _ => (v, p, q) };
        return (Round(r), Round(g), Round(b));
    }

    /// <summary>Nuclei take the id colour of 7n + 3, so a nucleus and the cell of the same id differ.</summary>
    public static (int R, int G, int B) OfNucleus(uint id) => OfId(id * 7 + 3);

    public static (int R, int G, int B) OfTab10(long id)
    {
        var hex = Tab10[(id - 1) % 10];
        return (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..], 16));
    }

    private static int Round(double channel) => (int)Math.Floor(channel * 255 + 0.5);
}
