using SegMeasure.Core.Images;

namespace SegMeasure.Core.Colocalization;

/// <summary>The outcome of Costes' randomization test: the observed PCC against its null distribution.</summary>
/// <param name="Observed">PCC of the images cropped to whole blocks.</param>
/// <param name="Null">PCC after each scramble of B (NaN where undefined).</param>
/// <param name="PValue">(number of finite null values ≥ observed + 1) / (finite null values + 1); NaN when undefined.</param>
/// <param name="ZScore">(observed − null mean) / null standard deviation; NaN when the null does not vary.</param>
public sealed record RandomizationResult(double Observed, IReadOnlyList<double> Null, double PValue, double ZScore);

/// <summary>Options of <see cref="CostesRandomization"/>, with the spec's defaults.</summary>
public sealed record RandomizationOptions
{
    /// <summary>Number of scrambles forming the null distribution.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>Side of the scrambled blocks in pixels; about the point-spread function's width.</summary>
    public int BlockSize { get; init; } = 8;

    /// <summary>Seed of the random generator; null draws a fresh one.</summary>
    public int? Seed { get; init; }
}

/// <summary>
/// Costes' randomization test (Costes et al. 2004): channel B is cut into blocks of the PSF's
/// size and the blocks shuffled, which keeps each channel's histogram and local texture but
/// destroys their spatial co-occurrence; the PCC of many scrambles is the null distribution.
/// Both images (and the mask) are cropped to a whole number of blocks along every axis.
/// </summary>
internal static class CostesRandomization
{
    public static RandomizationResult Run(IntensityImage a, IntensityImage b, LabelImage? mask = null, RandomizationOptions? options = null,
        CancellationToken ct = default)
    {
        options ??= new RandomizationOptions();
        MaskedPixels.CheckShapes(a.Shape, b.Shape, mask);
        if (options.BlockSize < 1)
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument, $"block size must be at least 1 (got {options.BlockSize})");
        if (options.Iterations < 1)
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument, $"the number of iterations must be at least 1 (got {options.Iterations})");
        var shape = a.Shape;
        int block = options.BlockSize;
        int blocksZ = shape.Is2D ? 1 : shape.Depth / block, blocksY = shape.Height / block, blocksX = shape.Width / block;
        if (blocksZ < 1 || blocksY < 1 || blocksX < 1)
            throw new SegMeasureException("SegMeasure.InvalidOption", ErrorKind.InvalidArgument,
                $"block size {block} is larger than the image {shape}");
        int depth = shape.Is2D ? 1 : blocksZ * block, blockDepth = shape.Is2D ? 1 : block;
        int height = blocksY * block, width = blocksX * block;

        var cropA = Crop(a.ChannelAsDouble(0), shape, depth, height, width);
        var cropB = Crop(b.ChannelAsDouble(0), shape, depth, height, width);
        uint[]? cropMask = mask is null ? null : Crop(mask.Data.Select(v => (double)v).ToArray(), shape, depth, height, width).Select(v => (uint)v).ToArray();
        double observed = MaskedPixels.Pearson(cropA, cropB, cropMask);

        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        int blockCount = blocksZ * blocksY * blocksX;
        var order = new int[blockCount];
        var scrambled = new double[cropB.Length];
        var nullDistribution = new double[options.Iterations];
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            for (int k = 0; k < blockCount; k++) order[k] = k;
            random.Shuffle(order);
            // Destination block k receives source block order[k].
            for (int k = 0; k < blockCount; k++)
            {
                var (dz, dy, dx) = BlockOrigin(k, blocksY, blocksX, blockDepth, block);
                var (sz, sy, sx) = BlockOrigin(order[k], blocksY, blocksX, blockDepth, block);
                for (int z = 0; z < blockDepth; z++)
                    for (int y = 0; y < block; y++)
                        Array.Copy(cropB, ((long)(sz + z) * height + sy + y) * width + sx, scrambled, ((long)(dz + z) * height + dy + y) * width + dx, block);
            }

            nullDistribution[iteration] = MaskedPixels.Pearson(cropA, scrambled, cropMask);
        }

        var finite = nullDistribution.Where(double.IsFinite).ToArray();
        if (!double.IsFinite(observed) || finite.Length == 0)
            return new RandomizationResult(observed, nullDistribution, double.NaN, double.NaN);
        double p = (finite.Count(v => v >= observed) + 1.0) / (finite.Length + 1.0);
        double mean = finite.Average();
        double std = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
        return new RandomizationResult(observed, nullDistribution, p, std > 0 ? (observed - mean) / std : double.NaN);
    }

    private static (int Z, int Y, int X) BlockOrigin(int index, int blocksY, int blocksX, int blockDepth, int block) =>
        (index / (blocksY * blocksX) * blockDepth, index / blocksX % blocksY * block, index % blocksX * block);

    private static double[] Crop(double[] values, ImageShape shape, int depth, int height, int width)
    {
        var result = new double[(long)depth * height * width];
        for (int z = 0; z < depth; z++)
            for (int y = 0; y < height; y++)
                Array.Copy(values, ((long)z * shape.Height + y) * shape.Width, result, ((long)z * height + y) * width, width);
        return result;
    }
}
