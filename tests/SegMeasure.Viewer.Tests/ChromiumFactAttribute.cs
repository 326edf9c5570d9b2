namespace SegMeasure.Viewer.Tests;

/// <summary>A browser test: skipped, saying why, when Debian's Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath)) Skip = $"{ChromiumPath} is not installed (apt-get install chromium; .ci/run installs it)";
    }
}
