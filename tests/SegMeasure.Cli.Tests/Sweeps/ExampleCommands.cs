using System.CommandLine;
using SegMeasure.Cli.Sweeps;
using SegMeasure.Core;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests.Sweeps;

/// <summary>
/// Two small commands built on <see cref="FileSweep"/> exactly as measure and postprocess
/// commands are, over text files instead of images: a "label image" here is a text file of
/// whitespace-separated label ids, and anything else in it makes it a corrupt file.
/// </summary>
public static class ExampleCommands
{
    /// <summary><c>count --segmentation … [--weights …]</c>: one row per label with its pixel count (and weight sum).</summary>
    public static Command Count()
    {
        var command = new Command("count", "Counts label occurrences.");
        var sweep = new FileSweep(command, "Counting");
        var segmentation = sweep.AddImages("--segmentation", "Label file(s).");
        var weights = sweep.AddImages("--weights", "Weight file(s), paired with --segmentation.", required: false);
        sweep.MeasureWith((file, _) => CountLabels(file[segmentation]!, file[weights]));
        return command;
    }

    /// <summary><c>double --input … --output …</c>: writes every label id doubled.</summary>
    public static Command Double()
    {
        var command = new Command("double", "Doubles label ids.");
        var sweep = new FileSweep(command, "Doubling");
        var input = sweep.AddImages("--input", "Label file(s).");
        sweep.TransformWith((file, output, write, _) => OutputFile.Write(output, write.Overwrite, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(string.Join(' ', ReadLabels(file[input]!).Select(v => v * 2)));
        }));
        return command;
    }

    /// <summary><c>label-sizes --segmentation … </c>: one row per label of a TIFF label image with its pixel count.</summary>
    public static Command LabelSizes()
    {
        var command = new Command("label-sizes", "Pixel count per label.");
        var sweep = new FileSweep(command, "Counting pixels");
        var segmentation = sweep.AddImages("--segmentation", "Segmentation TIFF file(s).");
        sweep.MeasureWith((file, _) =>
        {
            var counts = ImageFile.ReadLabels(file[segmentation]!).Data.Where(v => v != 0).GroupBy(v => v).OrderBy(g => g.Key).ToList();
            return new MeasurementTable([
                new IntegerColumn("index", counts.Select(g => (long)g.Key)),
                new IntegerColumn("pixels", counts.Select(g => (long)g.Count())),
            ]);
        });
        return command;
    }

    public static long[] ReadLabels(string path)
    {
        var words = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Select(w => long.TryParse(w, out var v) ? v
            : throw new SegMeasureException("SegMeasure.TestFormat", ErrorKind.InvalidData, $"{path}: not a label file ('{w}')", path)).ToArray();
    }

    private static MeasurementTable CountLabels(string path, string? weightsPath)
    {
        var labels = ReadLabels(path);
        var weights = weightsPath is null ? null : ReadLabels(weightsPath);
        var ids = labels.Where(l => l != 0).Distinct().Order().ToArray();
        var table = new MeasurementTable([
            new IntegerColumn("index", ids),
            new IntegerColumn("count", ids.Select(id => (long)labels.Count(l => l == id))),
        ]);
        if (weights is not null)
            table = table.WithColumn(new DoubleColumn("weight", ids.Select(id => (double)labels.Select((l, i) => l == id ? weights[i] : 0).Sum()).ToArray()));
        return table;
    }
}
