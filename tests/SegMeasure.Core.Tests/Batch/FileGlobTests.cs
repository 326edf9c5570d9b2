using SegMeasure.Core;
using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public class FileGlobTests : IDisposable
{
    private readonly TempTree _tree = new();

    public FileGlobTests()
    {
        foreach (var f in new[] { "data/b/seg.tif", "data/a/seg.tif", "data/a/raw.tif", "data/a/deep/er/seg.tif", "data/seg.tif",
                                  "data/.hidden/seg.tif", "data/a/.seg.tif", "data/c1.tif", "data/c2.tif", "data/c10.tif", "data/B.tif" })
            _tree.File(f);
        Directory.CreateDirectory(Path.Combine(_tree.Root, "data", "dir.tif"));
    }

    public void Dispose() => _tree.Dispose();

    private IReadOnlyList<string> Paths(string pattern) => FileGlob.Expand(pattern, _tree.Root).Select(m => m.Path).ToList();

    [Fact]
    public void Double_star_matches_zero_or_more_directories_in_ordinal_order()
    {
        Assert.Equal(["data/a/deep/er/seg.tif", "data/a/seg.tif", "data/b/seg.tif", "data/seg.tif"], Paths("data/**/seg.tif"));
    }

    [Fact]
    public void Star_stays_within_one_component_and_skips_hidden_names()
    {
        Assert.Equal(["data/a/seg.tif", "data/b/seg.tif"], Paths("data/*/seg.tif"));
        Assert.Equal(["data/a/raw.tif", "data/a/seg.tif"], Paths("data/a/*.tif"));
        Assert.Equal(["data/a/.seg.tif"], Paths("data/a/.*.tif"));
    }

    [Fact]
    public void Sorting_is_ordinal_not_natural_or_culture_aware()
    {
        // Python's sorted(glob(...)): upper case before lower case, "c10" before "c2".
        Assert.Equal(["data/B.tif", "data/c1.tif", "data/c10.tif", "data/c2.tif", "data/seg.tif"], Paths("data/*.tif"));
    }

    [Fact]
    public void Question_mark_and_character_classes_match_one_character()
    {
        Assert.Equal(["data/c1.tif", "data/c2.tif"], Paths("data/c?.tif"));
        Assert.Equal(["data/c2.tif"], Paths("data/c[2-9].tif"));
        Assert.Equal(["data/c1.tif"], Paths("data/c[!2].tif"));
    }

    [Fact]
    public void Directories_are_never_matched()
    {
        Assert.DoesNotContain("data/dir.tif", Paths("data/*.tif"));
    }

    [Fact]
    public void Relative_names_start_below_the_directory_above_the_first_wildcard()
    {
        var names = FileGlob.Expand("data/**/seg.tif", _tree.Root).Select(m => m.RelativeName).ToList();
        Assert.Equal(["a/deep/er/seg.tif", "a/seg.tif", "b/seg.tif", "seg.tif"], names);
        Assert.Equal("data", FileGlob.RootOf("data/**/seg.tif"));
        Assert.Equal("data/a", FileGlob.RootOf("data/a/*.tif"));
        Assert.Equal("", FileGlob.RootOf("*.tif"));
        Assert.Equal("data/a", FileGlob.RootOf("data/a/seg.tif"));
    }

    [Fact]
    public void Absolute_patterns_give_absolute_paths()
    {
        var root = _tree.Root.Replace('\\', '/');
        var matches = FileGlob.Expand(root + "/data/*/seg.tif");
        Assert.Equal([root + "/data/a/seg.tif", root + "/data/b/seg.tif"], matches.Select(m => m.Path));
        Assert.Equal(["a/seg.tif", "b/seg.tif"], matches.Select(m => m.RelativeName));
        Assert.All(matches, m => Assert.True(File.Exists(m.Path)));
    }

    [Fact]
    public void A_literal_path_is_returned_as_given_and_must_exist()
    {
        var match = Assert.Single(FileGlob.Expand("data/a/seg.tif", _tree.Root));
        Assert.Equal("data/a/seg.tif", match.Path);
        Assert.Equal("seg.tif", match.RelativeName);
        var missing = Assert.Throws<SegMeasureException>(() => FileGlob.Expand("data/a/nope.tif", _tree.Root));
        Assert.Equal("SegMeasure.FileNotFound", missing.ErrorId);
        Assert.Contains("data/a/nope.tif", missing.Message);
    }

    [Fact]
    public void A_pattern_matching_nothing_is_an_error_naming_it()
    {
        var e = Assert.Throws<SegMeasureException>(() => FileGlob.Expand("data/**/none*.tif", _tree.Root));
        Assert.Equal("SegMeasure.NoMatch", e.ErrorId);
        Assert.Contains("data/**/none*.tif", e.Message);
        Assert.Throws<SegMeasureException>(() => FileGlob.Expand("nowhere/*.tif", _tree.Root));
    }

    [Fact]
    public void Expansion_agrees_with_pythons_glob()
    {
        if (!File.Exists("/usr/bin/python3")) return; // reference tool absent: nothing to compare with
        foreach (var pattern in new[] { "data/**/seg.tif", "data/*.tif", "data/*/*.tif", "data/c[!2].tif", "**/*.tif" })
        {
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList = { "-c", "import glob,os,sys\nfor p in sorted(glob.glob(sys.argv[1], recursive=True)):\n    print(p) if os.path.isfile(p) else None", pattern },
                WorkingDirectory = _tree.Root,
                RedirectStandardOutput = true,
            };
            using var process = System.Diagnostics.Process.Start(psi)!;
            var expected = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            Assert.Equal(expected, Paths(pattern));
        }
    }
}
