namespace SegMeasure.Core.Tests;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static void Text(Stream stream, string text)
    {
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    [Fact]
    public void An_existing_output_is_refused_without_overwrite_and_replaced_with_it()
    {
        File.WriteAllText(PathOf("a.txt"), "keep me");
        var refused = Assert.Throws<OutputExistsException>(() => OutputFile.Write(PathOf("a.txt"), false, s => Text(s, "new")));
        Assert.Equal("SegMeasure.OutputExists", refused.ErrorId);
        Assert.Equal("keep me", File.ReadAllText(PathOf("a.txt")));
        OutputFile.Write(PathOf("a.txt"), true, s => Text(s, "new"));
        Assert.Equal("new", File.ReadAllText(PathOf("a.txt")));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Refusing_checks_every_path_before_any_work()
    {
        File.WriteAllText(PathOf("b.txt"), "");
        var refused = Assert.Throws<OutputExistsException>(() => OutputFile.RefuseExisting(false, PathOf("a.txt"), null, PathOf("b.txt")));
        Assert.Equal(PathOf("b.txt"), refused.Path);
        OutputFile.RefuseExisting(true, PathOf("b.txt"));
    }

    [Fact]
    public void A_failed_or_cancelled_write_leaves_nothing_behind()
    {
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(PathOf("c.txt"), false, s => { Text(s, "half"); throw new InvalidOperationException(); }));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => OutputFile.Write(PathOf("c.txt"), false, _ => cancelled.Token.ThrowIfCancellationRequested()));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Temporaries_a_killed_write_left_are_removed_and_nothing_else()
    {
        // What a killed process leaves: a temporary file of e.tsv, a temporary folder of e.zarr.
        string Abandoned(string output)
        {
            string? kept = null;
            OutputFile.Write(PathOf(output), false, _ => kept = Directory.GetFileSystemEntries(_dir, "." + output + ".*").Single());
            File.Delete(PathOf(output));
            File.WriteAllText(kept!, "half");
            return kept!;
        }

        var file = Abandoned("e.tsv");
        var folder = PathOf($".e.zarr.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Path.Combine(folder, "0"));
        string[] others = [PathOf("e.tsv"), PathOf(".e.tsv.notes.tmp"), PathOf($".f.tsv.{Guid.NewGuid():N}.tmp"), PathOf(".e.tsv.segmeasure")];
        foreach (var other in others) File.WriteAllText(other, "keep");

        OutputFile.RemoveAbandonedTemporaries(PathOf("e.tsv"));
        OutputFile.RemoveAbandonedTemporaries(PathOf("e.zarr"));

        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(folder));
        Assert.All(others, o => Assert.True(File.Exists(o), o));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var error = Assert.Throws<SegMeasureException>(() => OutputFile.Write(Path.Combine(_dir, "missing", "d.txt"), false, s => Text(s, "")));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }
}
