namespace SegMeasure.Tests.Shared;

/// <summary>The repository the tests run from (the folder holding SegMeasure.PowerShell.sln above the
/// test binaries): its example data, test data and reference files.</summary>
internal static class TestRepository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file of the bundled example data (<c>examples/data</c>).</summary>
    public static string Example(string name) => PathOf("examples", "data", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SegMeasure.PowerShell.sln"))) return dir.FullName;
        throw new InvalidOperationException("SegMeasure.PowerShell.sln not found above " + AppContext.BaseDirectory);
    }
}
