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

        if (json) ctx.Output.WriteLine(ToJson(infos));
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

    /// <summary>The infos as an indented JSON array, written field by field: no reflection, so the native AOT build needs no metadata.</summary>
    private static string ToJson(IReadOnlyList<ImageInfo> infos)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var info in infos)
            {
                json.WriteStartObject();
                json.WriteString("path", info.Path);
                json.WriteStartArray("shape");
                foreach (var n in info.Shape) json.WriteNumberValue(n);
                json.WriteEndArray();
                json.WriteString("axes", info.Axes);
                json.WriteString("dtype", info.DType);
                json.WriteStartArray("voxel_size");
                foreach (var v in info.VoxelSize) json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteString("unit", info.Unit);
                json.WriteBoolean("calibrated", info.IsCalibrated);
                if (info.Labels is { } labels) json.WriteNumber("labels", labels); else json.WriteNull("labels");
                json.WriteString("sha256", info.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
