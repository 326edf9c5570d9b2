namespace SegMeasure.Viewer.Tests;

/// <summary>The repository's example data and the docs folder, found from the test's output folder.</summary>
internal static class TestFiles
{
    public static string Repository { get; } = FindRepository();

    public static string Examples => Path.Combine(Repository, "examples", "data");
    public static string CellsSeg => Path.Combine(Examples, "membrane-seg.tif");
    public static string CellsRaw => Path.Combine(Examples, "membrane.tif");
    public static string NucleiSeg => Path.Combine(Examples, "nucleus-seg.tif");
    public static string NucleiRaw => Path.Combine(Examples, "nuclei.tif");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository root (SegMeasure.PowerShell.sln) was not found above the test folder");
    }
}
