using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench;

/// <summary>
/// Decoding speed of a large Deflate-compressed uint32 label TIFF: our reader (whole image,
/// strips decoded in parallel) against libtiff's <c>tiffcp -c none</c> decompressing the same
/// file, in the same run on the same machine.
/// </summary>
public sealed class TiffReadBenchmark : IBenchmark
{
    public string Name => "tiff-read";

    public string Description => "decode a generated Deflate uint32 label TIFF (default 16384x16384) vs LibTiff.NET and tiffcp -c none  [--size N] [--runs R] [--compression deflate|lzw|packbits|none] [--dir DIR]";

    public int Run(string[] args)
    {
        int size = int.Parse(BenchmarkTools.Option(args, "--size", "16384"));
        int runs = int.Parse(BenchmarkTools.Option(args, "--runs", "5"));
        var compression = Enum.Parse<TiffCompression>(BenchmarkTools.Option(args, "--compression", "Deflate"), ignoreCase: true);
        var dir = Path.Combine(BenchmarkTools.Option(args, "--dir", Path.GetTempPath()), $"segmeasure-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "labels.tif");
            var labels = GenerateLabels(size);
            var writeSeconds = BenchmarkTools.Time(1, () => TiffWriter.WriteLabels(input, labels, new TiffWriteOptions { Overwrite = true, LabelType = PixelType.UInt32, Compression = compression }))[0];
            double megapixels = (double)size * size / 1e6;
            using (var reader = TiffReader.Open(input))
            {
                var page = reader.Pages[0];
                Console.WriteLine($"tiff-read: {size}x{size} uint32 labels ({megapixels:F0} Mpx, max label {labels.MaxLabel()}), {compression}, "
                    + $"{page.BandsPerPlane} strips of {page.BandRows} rows, file {new FileInfo(input).Length / 1e6:F1} MB, written in {writeSeconds:F2} s, {Environment.ProcessorCount} cores");
            }

            // One untimed run of each side first, so neither pays for cold caches or JIT in the medians.
            var decoded = TiffReader.ReadFile(input);
            if (!((uint[])decoded.Data).AsSpan().SequenceEqual(labels.Data))
                throw new InvalidOperationException("decoded pixels differ from the generated labels");
            decoded = null;
            var ours = BenchmarkTools.TimeWithCpu(runs, () => TiffReader.ReadFile(input)); // result dropped: each run starts with a free heap
            var (ourWall, ourCpu) = Report("segmeasure decode       ", ours, megapixels);

            // LibTiff.NET, the design's TIFF library, and our decoder, both on one thread: the
            // per-compression ratio that decides whose code decodes that compression.
            BenchmarkTools.Time(1, () => LibTiffNetBaseline.DecodeAllStrips(input));
            var single = BenchmarkTools.TimeWithCpu(runs, () => { foreach (var _ in TiffReader.Open(input).ReadStripes(1)) { } });
            var (singleWall, _) = Report("segmeasure, one thread  ", single, megapixels);
            var libTiffNet = BenchmarkTools.TimeWithCpu(runs, () => LibTiffNetBaseline.DecodeAllStrips(input));
            var (libWall, _) = Report("LibTiff.NET, one thread ", libTiffNet, megapixels);
            Console.WriteLine($"ratio (one thread, {compression}): segmeasure / LibTiff.NET = {libWall / singleWall:F2}x");

            if (!BenchmarkTools.OnPath("tiffcp"))
            {
                Console.WriteLine("tiffcp -c none          : not installed (apt-get install libtiff-tools); no baseline");
                return 0;
            }

            var output = Path.Combine(dir, "plain.tif");
            var command = $"tiffcp -c none '{input}' '{output}'";
            BenchmarkTools.TimeCommand(1, () => File.Delete(output), command);
            var baseline = BenchmarkTools.TimeCommand(runs, () => File.Delete(output), command);
            var (baseWall, baseCpu) = Report("tiffcp -c none (libtiff)", baseline, megapixels);
            Console.WriteLine($"ratio (wall-clock throughput): segmeasure / tiffcp = {baseWall / ourWall:F2}x");
            Console.WriteLine($"ratio (per CPU-second)       : segmeasure / tiffcp = {baseCpu / ourCpu:F2}x   (tiffcp also writes the {size * (long)size * 4 / 1e9:F1} GB uncompressed copy)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (double Wall, double Cpu) Report(string label, (double Wall, double Cpu)[] runs, double megapixels)
    {
        double wall = BenchmarkTools.Median(runs.Select(r => r.Wall).ToArray()), cpu = BenchmarkTools.Median(runs.Select(r => r.Cpu).ToArray());
        Console.WriteLine($"{label}: median {wall:F2} s wall ({megapixels / wall:F0} Mpx/s), {cpu:F2} s CPU ({megapixels / cpu:F0} Mpx per CPU-s); "
            + $"runs {BenchmarkTools.Format(runs.Select(r => r.Wall))} s");
        return (wall, cpu);
    }

    /// <summary>Round cells of varying size on a jittered grid, ids row by row (over 65535 ids at the default size), background between them.</summary>
    private static LabelImage GenerateLabels(int size)
    {
        const int cell = 48;
        int cellsAcross = (size + cell - 1) / cell;
        var data = new uint[(long)size * size];
        Parallel.For(0, size, y =>
        {
            int cy = y / cell;
            var row = data.AsSpan((int)((long)y * size), size);
            for (int x = 0; x < size; x++)
            {
                int cx = x / cell;
                uint hash = (uint)(cy * 73856093 ^ cx * 19349663);
                int radius = 12 + (int)(hash % 11);
                int dx = x - (cx * cell + cell / 2 + (int)(hash >> 8) % 5 - 2), dy = y - (cy * cell + cell / 2 + (int)(hash >> 16) % 5 - 2);
                row[x] = dx * dx + dy * dy <= radius * radius ? (uint)(cy * cellsAcross + cx + 1) : 0u;
            }
        });
        return new LabelImage(data, ImageShape.Of2D(size, size));
    }
}
