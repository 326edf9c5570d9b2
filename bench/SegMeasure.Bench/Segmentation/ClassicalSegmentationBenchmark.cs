using System.Diagnostics;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation;

namespace SegMeasure.Bench.Segmentation;

/// <summary>
/// The weight-free classical segmentation (local threshold, distance seeds, watershed) of a
/// real nuclei image tiled to 2048² (the StarDist dsb2018 example, 4 × 4), in seconds per
/// megapixel, against the same pipeline in scikit-image (<c>classical_baseline.py</c>, which runs
/// the reference generator's definition with Debian's python3) in the same run. With
/// <c>--skimage-source DIR</c> (scikit-image's source at v0.26.0) the baseline floods with that
/// release's watershed, as SegMeasure does, and the two label images must agree (object count and
/// label sum); without it, Debian's 0.19 watershed floods under older costs and only the times compare.
/// </summary>
public sealed class ClassicalSegmentationBenchmark : IBenchmark
{
    public string Name => "segmentation-classical";

    public string Description => "classical segmentation seconds per megapixel on dsb2018 tiled to 2048² vs the scikit-image pipeline (--tiles N --runs N --no-baseline --skimage-source DIR)";

    public int Run(string[] args)
    {
        int tiles = int.Parse(BenchmarkTools.Option(args, "--tiles", "4"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "3"));
        var source = ImageFile.ReadIntensity(Path.Combine(BenchmarkTools.RepositoryRoot(), "tests", "data", "real", "stardist", "dsb2018_img2d.tif"));
        var (plane, height, width) = Tile(source, tiles);
        double megapixels = (double)height * width / 1e6;
        var options = new ClassicalSegmentationOptions();
        uint[] labels = [];
        double ours = BenchmarkTools.MedianWall(runs, () => labels = ClassicalSegmentation.Segment(plane, height, width, options).Labels);
        long checksum = labels.Sum(v => (long)v);
        Console.WriteLine($"image: dsb2018 tiled {tiles} x {tiles} = {width} x {height} ({megapixels:F1} Mpx), {labels.Max()} objects");
        Console.WriteLine($"ours:         {ours:F3} s, {ours / megapixels:F3} s/Mpx (median of {runs})");
        if (args.Contains("--no-baseline") || !File.Exists("/usr/bin/python3")) return 0;

        var directory = Directory.CreateTempSubdirectory("segmeasure-classical-bench-").FullName;
        try
        {
            var image = new BaselineImages(directory).PathOf(new IntensityImage([plane.Select(v => (ushort)v).ToArray()], ImageShape.Of2D(height, width), PixelType.UInt16), "tiled")!;
            var output = Path.Combine(directory, "baseline.json");
            var script = Path.Combine(AppContext.BaseDirectory, "Segmentation", "classical_baseline.py");
            string? skimageSource = args.SkipWhile(a => a != "--skimage-source").Skip(1).FirstOrDefault();
            string[] scriptArgs = [script, BenchmarkTools.RepositoryRoot(), image, options.Diameter.ToString(System.Globalization.CultureInfo.InvariantCulture), runs.ToString(), output];
            BenchmarkTools.RunProcess("/usr/bin/python3", skimageSource is null ? scriptArgs : [.. scriptArgs, skimageSource]);
            using var json = JsonDocument.Parse(File.ReadAllText(output));
            double theirs = json.RootElement.GetProperty("seconds").GetDouble();
            string release = json.RootElement.GetProperty("watershed").GetString()!;
            long objects = json.RootElement.GetProperty("objects").GetInt64();
            Console.WriteLine($"scikit-image: {theirs:F3} s, {theirs / megapixels:F3} s/Mpx (median of {runs}; watershed of {release})");
            if (release != "0.26")
            {
                Console.WriteLine($"ratio: {theirs / ours:F1}x; objects {labels.Max()} here, {objects} there (0.19 floods under older costs; --skimage-source compares labels)");
                return 0;
            }

            bool same = objects == labels.Max() && json.RootElement.GetProperty("checksum").GetInt64() == checksum;
            Console.WriteLine($"ratio: {theirs / ours:F1}x; same labels: {(same ? "yes" : "NO")}");
            return same ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The first channel repeated <paramref name="tiles"/> times along Y and X.</summary>
    private static (double[] Plane, int Height, int Width) Tile(IntensityImage source, int tiles)
    {
        var one = source.ChannelAsDouble(0);
        int h = source.Shape.Height, w = source.Shape.Width, height = h * tiles, width = w * tiles;
        var plane = new double[(long)height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                plane[(long)y * width + x] = one[(y % h) * w + x % w];
        return (plane, height, width);
    }
}
