using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SegMeasure.Cli.Tests.Commands;

/// <summary><c>segmeasure open</c> / <c>view</c>: one address line, serving until Done, the table with the viewer's columns written on Done.</summary>
public sealed class OpenCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("segmeasure-open-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Examples(string name) => TestRepository.Example(name);

    /// <summary>A writer that hands over the first line written (the address) while the command keeps running.</summary>
    private sealed class FirstLineWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            FirstLine.TrySetResult(value ?? "");
        }
    }

    [Fact]
    public async Task Prints_the_address_serves_the_group_and_writes_the_output_on_Done()
    {
        var output = Path.Combine(_folder, "viewed.csv");
        var stdout = new FirstLineWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => SegMeasureApp.Run(["view", "--segmentations", Examples("*-seg.tif"), "--no-browser", "--output", output, "--group-name", "plate"], stdout, stderr));

        var address = await stdout.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var match = Regex.Match(address, @"^http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{64})$");
        Assert.True(match.Success, address);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{match.Groups[1].Value}") };
        http.DefaultRequestHeaders.Add("X-SegMeasure-Token", match.Groups[2].Value);

        var session = JsonDocument.Parse(await http.GetStringAsync("/api/session")).RootElement;
        Assert.Equal("plate", session.GetProperty("groupName").GetString());
        Assert.Equal(["membrane-seg.tif", "nucleus-seg.tif"], session.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        (await http.PostAsync("/api/threshold/apply", Json(new { column = "area", thresholds = new[] { 300.0 }, names = new[] { "small", "large" } }))).EnsureSuccessStatusCode();
        Assert.False(File.Exists(output));
        (await http.PostAsync("/api/done", Json(new { }))).EnsureSuccessStatusCode();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(address + Environment.NewLine, stdout.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal(1 + 38 + 24, lines.Length);
        Assert.StartsWith("segmentation,index,area,", lines[0]);
        Assert.EndsWith(",annotation,category_id,category_name,cluster_id,classification_id,classification_name", lines[0]);
        Assert.Contains(lines, l => l.Contains(",large,"));
        Assert.Contains(lines, l => l.Contains(",small,"));
    }

    /// <summary>A JSON body with a Content-Length, as the page sends it (the viewer takes no chunked uploads).</summary>
    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public void Refuses_an_existing_output_without_force_before_serving()
    {
        var output = Path.Combine(_folder, "exists.csv");
        File.WriteAllText(output, "keep");
        var run = CliRun.App("open", "--segmentations", Examples("membrane-seg.tif"), "--no-browser", "--output", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("already exists", run.Error);
        Assert.Equal("keep", File.ReadAllText(output));
    }

    [Fact]
    public void Paired_inputs_must_expand_to_the_same_count()
    {
        var run = CliRun.App("open", "--segmentations", Examples("*-seg.tif"), "--intensities", Examples("membrane.tif"), "--no-browser");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("paired by sorted position", run.Error);
    }
}
