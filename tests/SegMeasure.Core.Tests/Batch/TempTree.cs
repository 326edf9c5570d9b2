namespace SegMeasure.Core.Tests.Batch;

/// <summary>A temporary folder tree for file tests, deleted on dispose.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree() => Root = Directory.CreateTempSubdirectory("segmeasure-test-").FullName;

    public string Root { get; }

    /// <summary>Creates a file (and its folders) at a '/'-separated path below the root.</summary>
    public string File(string relative, string content = "")
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
