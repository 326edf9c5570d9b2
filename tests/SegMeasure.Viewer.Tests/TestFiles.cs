using SegMeasure.Tests.Shared;

namespace SegMeasure.Viewer.Tests;

/// <summary>The repository's example data and the docs folder, found from the test's output folder.</summary>
internal static class TestFiles
{
    public static string Repository => TestRepository.Root;

    public static string Examples => Path.Combine(Repository, "examples", "data");
    public static string CellsSeg => Path.Combine(Examples, "membrane-seg.tif");
    public static string CellsRaw => Path.Combine(Examples, "membrane.tif");
    public static string NucleiSeg => Path.Combine(Examples, "nucleus-seg.tif");
    public static string NucleiRaw => Path.Combine(Examples, "nuclei.tif");
}
