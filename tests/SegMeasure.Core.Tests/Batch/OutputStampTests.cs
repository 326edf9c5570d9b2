using System.Text.Json;
using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public sealed class OutputStampTests
{
    [Fact]
    public void The_parameter_hash_ignores_order_and_sees_every_value()
    {
        var a = ParameterHash.Of("measure morphology", [new("--scale", "1 2"), new("--extras", "true")]);
        var b = ParameterHash.Of("measure morphology", [new("--extras", "true"), new("--scale", "1 2")]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, ParameterHash.Of("measure morphology", [new("--scale", "1 3"), new("--extras", "true")]));
        Assert.NotEqual(a, ParameterHash.Of("measure intensities", [new("--scale", "1 2"), new("--extras", "true")]));
    }

    [Fact]
    public void An_output_is_up_to_date_only_when_stamped_with_the_same_hash_and_newer_than_its_inputs()
    {
        using var tree = new TempTree();
        var input = tree.File("in.tif", "pixels");
        var output = tree.File("out.csv", "table");
        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddMinutes(-5));
        Assert.False(OutputStamp.IsUpToDate(output, [input], "h1")); // no stamp: not ours

        OutputStamp.Write(output, [input], "h1");
        Assert.True(OutputStamp.IsUpToDate(output, [input], "h1"));
        Assert.False(OutputStamp.IsUpToDate(output, [input], "h2"));

        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddMinutes(5));
        Assert.False(OutputStamp.IsUpToDate(output, [input], "h1"));

        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddMinutes(-5));
        File.WriteAllText(OutputStamp.SidecarOf(output), "not json");
        Assert.False(OutputStamp.IsUpToDate(output, [input], "h1"));
        Assert.StartsWith(".", Path.GetFileName(OutputStamp.SidecarOf(output)));
    }

    [Fact]
    public void The_bookkeeper_logs_done_failed_and_skipped_inputs_as_json_lines()
    {
        using var tree = new TempTree();
        var input = tree.File("a.tif", "x");
        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddMinutes(-5));
        var output = Path.Combine(tree.Root, "a.csv");
        var log = Path.Combine(tree.Root, "status.jsonl");
        using (var books = new SweepBookkeeper(skipUpToDate: true, log))
        {
            Assert.False(books.TrySkip(input, output, [input], "h"));
            Assert.Equal(3, books.Run(input, output, [input], "h", () => { File.WriteAllText(output, "t"); return 3; }, n => n));
            Assert.Throws<SegMeasureException>(() => books.Run<int>("b.tif", null, ["b.tif"], "h",
                () => throw new SegMeasureException("SegMeasure.Bad", ErrorKind.InvalidData, "b.tif: broken")));
            Assert.True(books.TrySkip(input, output, [input], "h"));
        }

        var lines = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["done", "failed", "skipped"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(3, lines[0].GetProperty("rows").GetInt64());
        Assert.Equal("b.tif: broken", lines[1].GetProperty("error").GetString());
        Assert.Equal(input, lines[2].GetProperty("file").GetString());
        Assert.True(lines[0].GetProperty("seconds").GetDouble() >= 0);
    }
}
