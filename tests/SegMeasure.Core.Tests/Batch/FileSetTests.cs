using SegMeasure.Core;
using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public class FileSetTests : IDisposable
{
    private readonly TempTree _tree = new();

    public FileSetTests()
    {
        foreach (var well in new[] { "b", "a", "c" })
        {
            _tree.File($"plate/{well}/seg.tif");
            _tree.File($"plate/{well}/raw.tif");
        }

        _tree.File("plate/a/nuc.tif");
    }

    public void Dispose() => _tree.Dispose();

    private FileSet Expand(params (string Role, string[] Patterns)[] roles) =>
        FileSet.Expand(roles.Select(r => (r.Role, (IReadOnlyList<string>)r.Patterns)).ToList(), _tree.Root);

    [Fact]
    public void Roles_pair_by_sorted_position()
    {
        var set = Expand(("--segmentation", ["plate/**/seg.tif"]), ("--intensity", ["plate/*/raw.tif"]), ("--mask", []));
        Assert.True(set.IsSweep);
        Assert.Equal(["plate/a/seg.tif", "plate/b/seg.tif", "plate/c/seg.tif"], set.Groups.Select(g => g.Path));
        Assert.Equal(["plate/a/raw.tif", "plate/b/raw.tif", "plate/c/raw.tif"], set.Groups.Select(g => g.Paths[1]));
        Assert.All(set.Groups, g => Assert.Null(g.Paths[2]));
        Assert.All(set.Groups, g => Assert.Equal(g.Path, g.Paths[0]));
    }

    [Fact]
    public void A_count_mismatch_lists_both_file_lists()
    {
        var e = Assert.Throws<SegMeasureException>(() => Expand(("--segmentation", ["plate/*/seg.tif"]), ("--nucleus-segmentation", ["plate/*/nuc.tif"])));
        Assert.Equal("SegMeasure.PairingMismatch", e.ErrorId);
        Assert.Contains("--nucleus-segmentation expands to 1", e.Message);
        Assert.Contains("plate/a/seg.tif, plate/b/seg.tif, plate/c/seg.tif", e.Message);
        Assert.Contains("plate/a/nuc.tif", e.Message);
    }

    [Fact]
    public void One_literal_path_is_not_a_sweep_but_a_pattern_or_several_paths_are()
    {
        Assert.False(Expand(("--segmentation", ["plate/a/seg.tif"])).IsSweep);
        Assert.True(Expand(("--segmentation", ["plate/a/*.tif"])).IsSweep);
        Assert.True(Expand(("--segmentation", ["plate/a/seg.tif", "plate/b/seg.tif"])).IsSweep);
        // A pattern that happens to match one file is still a sweep: the output shape never depends on the disk.
        Assert.True(Expand(("--segmentation", ["plate/a/se?.tif"])).IsSweep);
    }

    [Fact]
    public void Outputs_keep_the_folders_below_the_pattern_root_so_equal_names_stay_distinct()
    {
        var set = Expand(("--segmentation", ["plate/**/seg.tif"]));
        var outputs = set.OutputPaths("out", ".csv");
        Assert.Equal([Path.Combine("out", "a", "seg.csv"), Path.Combine("out", "b", "seg.csv"), Path.Combine("out", "c", "seg.csv")], outputs);
        Assert.Equal(outputs.Count, outputs.Distinct().Count());
    }

    [Fact]
    public void Two_inputs_with_the_same_output_are_refused()
    {
        // Two patterns whose roots both end at the file's folder: a/seg.tif and b/seg.tif both become seg.tif.
        var set = Expand(("--segmentation", ["plate/a/s*.tif", "plate/b/s*.tif"]));
        var e = Assert.Throws<SegMeasureException>(() => set.OutputPaths("out", ".csv"));
        Assert.Equal("SegMeasure.OutputCollision", e.ErrorId);
        Assert.Contains("plate/a/seg.tif", e.Message);
        Assert.Contains("plate/b/seg.tif", e.Message);
    }

    [Fact]
    public void The_primary_role_must_be_given()
    {
        Assert.Throws<SegMeasureException>(() => Expand(("--segmentation", []), ("--intensity", ["plate/*/raw.tif"])));
    }
}
