using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SegMeasure.Core;
using SegMeasure.Core.Images;

namespace SegMeasure.Cli.Commands;

/// <summary><c>segmeasure info FILE... [--json]</c>: shape, axes, type, voxel size, label count and pixel checksum of each file.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "TIFF files to describe", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of text" };
        var command = new Command("info", "Describe image files: shape, axes, sample type, voxel size, number of labels and pixel checksum.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.SetAction(parse => CliContext.Execute(ctx => Run(ctx, parse.GetValue(files) ?? [], parse.GetValue(json))));
        return command;
    }

    private static int Run(CliContext ctx, string[] files, bool json)
    {
        var failed = 0;
        var infos = new List<ImageInfo>();
        foreach (var file in files)
        {
            try
            {
                var info = ImageInfo.Read(file, ctx.CreateProgress());
                if (json) infos.Add(info);
                else WriteText(ctx.Output, info);
            }
            catch (Exception e) when (e is SegMeasureException or IOException or UnauthorizedAccessException)
            {
                ctx.Error.WriteLine($"segmeasure: {e.Message}");
                failed++;
            }
        }

        if (json) ctx.Output.WriteLine(JsonSerializer.Serialize(infos.Select(ToJson), new JsonSerializerOptions { WriteIndented = true }));
        return failed == 0 ? 0 : 1;
    }

    private static void WriteText(TextWriter output, ImageInfo info)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(info.Path);
        output.WriteLine($"  shape     {string.Join(" x ", info.Shape)} ({info.Axes})");
        output.WriteLine($"  dtype     {info.DType}");
        var voxel = string.Join(" x ", info.VoxelSize.Select(v => v.ToString("G6", c)));
        output.WriteLine($"  voxel     {voxel} {info.Unit}{(info.IsCalibrated ? "" : " (uncalibrated)")}");
        if (info.Labels is { } labels) output.WriteLine($"  labels    {labels}");
        output.WriteLine($"  sha256    {info.Sha256}");
    }

    private static Dictionary<string, object?> ToJson(ImageInfo info) => new()
    {
        ["path"] = info.Path,
        ["shape"] = info.Shape,
        ["axes"] = info.Axes,
        ["dtype"] = info.DType,
        ["voxel_size"] = info.VoxelSize,
        ["unit"] = info.Unit,
        ["calibrated"] = info.IsCalibrated,
        ["labels"] = info.Labels,
        ["sha256"] = info.Sha256,
    };
}
