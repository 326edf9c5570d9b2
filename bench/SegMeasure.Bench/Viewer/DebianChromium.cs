namespace SegMeasure.Bench;

/// <summary>The browser the viewer benchmarks drive: Debian's Chromium, which <c>.ci/run</c> installs.</summary>
internal static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>False, with the way to install it on standard error, when Chromium is missing.</summary>
    public static bool IsInstalled()
    {
        if (File.Exists(Path)) return true;
        Console.Error.WriteLine($"{Path} is not installed (apt-get install chromium)");
        return false;
    }
}
