using System.Text.RegularExpressions;

namespace SegMeasure.ModuleBuilder;

/// <summary>Copies the source manifest into the module folder with ModuleVersion set to the build version.</summary>
public static partial class ManifestWriter
{
    [GeneratedRegex(@"^(\s*ModuleVersion\s*=\s*)'[^']*'", RegexOptions.Multiline)]
    private static partial Regex ModuleVersionLine();

    public static void Write(string sourcePath, string version, string outputPath)
    {
        // A manifest version is a System.Version: drop any pre-release or build-metadata tail.
        var moduleVersion = Version.Parse(version.Split('-', '+')[0]).ToString();
        var text = File.ReadAllText(sourcePath);
        if (!ModuleVersionLine().IsMatch(text))
            throw new FormatException($"{sourcePath}: no ModuleVersion = '...' line to stamp");
        var stamped = ModuleVersionLine().Replace(text, $"${{1}}'{moduleVersion}'", 1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        if (File.Exists(outputPath) && File.ReadAllText(outputPath) == stamped) return;
        File.WriteAllText(outputPath, stamped);
    }
}
