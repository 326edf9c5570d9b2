using SegMeasure.Core.Images;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.Core.Tests.Postprocessing;

public class WatershedTests
{
    /// <summary>Each reference case under the current costs (scikit-image 0.26.0 made <c>expected</c>) and under those of
    /// 0.24 and earlier (Debian's 0.19.3 made <c>expected_0_19</c>).</summary>
    public static IEnumerable<object[]> Cases =>
        ReferenceCases.Named("watershed").SelectMany(c => new[] { new[] { c[0], "0.26" }, [c[0], "0.19"] });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_scikit_image_voxel_for_voxel_including_tied_seeds_on_plateaus(string name, string release)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var mask = npz.Has("mask") ? npz.Booleans("mask") : null;
        var (cost, expected) = release == "0.19" ? (FloodCost.OwnValue, "expected_0_19") : (FloodCost.NeverBelowSource, "expected");
        var result = Watershed.Apply(input, npz.Doubles("heatmap"), mask, cost);
        ReferenceCases.AssertSameLabels(npz.Labels(expected), result.Image.Data, input.Shape);
    }

    /// <summary>60 random cases each in 2D and 3D (ties everywhere) flooded by scikit-image 0.26.0's own code.</summary>
    [Theory]
    [InlineData("watershed_random_plateaus_2d")]
    [InlineData("watershed_random_plateaus_3d")]
    public void Random_plateaus_equal_the_current_scikit_image(string name)
    {
        var npz = ReferenceCases.Load(name);
        var dims = npz.Shape("input");
        var shape = ReferenceCases.ShapeOf(dims[1..]);
        int n = (int)shape.Length;
        var seeds = npz.Labels("input");
        var heat = npz.Doubles("heatmap");
        var masks = npz.Booleans("mask");
        var expected = npz.Labels("expected");
        for (int c = 0; c < dims[0]; c++)
        {
            var mask = masks.AsSpan(c * n, n).ToArray();
            var result = Watershed.Apply(new LabelImage(seeds.AsSpan(c * n, n).ToArray(), shape), heat.AsSpan(c * n, n).ToArray(), mask.All(m => m) ? null : mask);
            ReferenceCases.AssertSameLabels(expected.AsSpan(c * n, n).ToArray(), result.Image.Data, shape);
        }
    }

    [Fact]
    public void The_flood_never_descends_so_a_basin_between_two_seeds_is_shared()
    {
        // Both seeds at 2 over a basin at 0. scikit-image 0.26: the basin enters at the seeds' cost 2, so the two
        // fronts take turns by age; 0.19: the first seed to leave pours into the basin and takes all of it.
        var seeds = new LabelImage([1, 0, 0, 0, 2], ImageShape.Of2D(1, 5));
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2 }, Watershed.Apply(seeds, [2, 0, 0, 0, 2]).Image.Data);
        Assert.Equal(new uint[] { 1, 1, 1, 1, 2 }, Watershed.Apply(seeds, [2, 0, 0, 0, 2], null, FloodCost.OwnValue).Image.Data);
    }

    [Fact]
    public void Plateau_voxels_go_to_the_nearest_seed_and_the_mask_blanks_the_rest()
    {
        var seeds = new LabelImage([1, 0, 0, 0, 0, 2, 0], ImageShape.Of2D(1, 7), storedType: PixelType.UInt8);
        var flat = new double[7];
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2, 2, 2 }, Watershed.Apply(seeds, flat).Image.Data);
        bool[] mask = [true, true, false, true, true, true, false];
        Assert.Equal(new uint[] { 1, 1, 0, 2, 2, 2, 0 }, Watershed.Apply(seeds, flat, mask).Image.Data);
        Assert.Equal(PixelType.UInt8, Watershed.Apply(seeds, flat).Image.StoredType);
    }

    [Fact]
    public void Voxels_are_claimed_when_they_enter_the_queue_from_the_lowest_ground_first()
    {
        // Seed 2 sits at 0 and leaves the queue first: it claims x=3, which claims x=2 (1),
        // which claims x=1 (9) before seed 1 (5) is ever popped. (scikit-image agrees.)
        var seeds = new LabelImage([1, 0, 0, 0, 2], ImageShape.Of2D(1, 5));
        Assert.Equal(new uint[] { 1, 2, 2, 2, 2 }, Watershed.Apply(seeds, [5, 9, 1, 0, 0]).Image.Data);
        // Both seeds at 0: seed 1 entered first, pops first and claims x=1 right away.
        Assert.Equal(new uint[] { 1, 1, 2, 2, 2 }, Watershed.Apply(seeds, [0, 9, 1, 0, 0]).Image.Data);
    }

    [Fact]
    public void Mismatched_heatmap_and_NaN_are_clear_errors()
    {
        var seeds = new LabelImage([1, 0], ImageShape.Of2D(1, 2));
        Assert.Throws<ShapeMismatchException>(() => Watershed.Apply(seeds, new double[3]));
        var error = Assert.Throws<SegMeasureException>(() => Watershed.Apply(seeds, [0, double.NaN]));
        Assert.Equal("SegMeasure.InvalidHeatmap", error.ErrorId);
    }

    [Fact]
    public void Landscapes_finer_than_float32_keep_their_exact_order()
    {
        // x=1 and x=3 differ by 1e-12: x=3 is lower, leaves the queue first and claims x=2
        // for seed 2; were the two values merged, x=1 (entered first) would take it for seed 1.
        var seeds = new LabelImage([1, 0, 0, 0, 2], ImageShape.Of2D(1, 5));
        Assert.Equal(new uint[] { 1, 1, 2, 2, 2 }, Watershed.Apply(seeds, [0, 1 + 1e-12, 5, 1, 0]).Image.Data);
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2 }, Watershed.Apply(seeds, [0, 1, 5, 1, 0]).Image.Data);
    }

    /// <summary>
    /// Seeds of few labels in touching and separate blocks, over landscapes of a few values (ties
    /// everywhere: between seeds of one label, of two labels, inside and on borders), with and
    /// without a mask — flooded here and by Debian's scikit-image (0.19, so under its costs) in the
    /// same run: new random cases each run for the heap replay, which both releases share.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_plateaus_agree_with_scikit_image(bool volume)
    {
        if (!ExternalTools.Has(ExternalTools.DebianPython) || ExternalTools.Run(ExternalTools.DebianPython, ["-c", "import skimage.segmentation"]).ExitCode != 0) return;
        var dir = Directory.CreateTempSubdirectory("segmeasure-watershed-").FullName;
        try
        {
            var rng = new Random(volume ? 31 : 17);
            var shape = volume ? ImageShape.Of3D(6, 20, 20) : ImageShape.Of2D(40, 40);
            const int Cases = 40;
            var ours = new uint[Cases][];
            for (int c = 0; c < Cases; c++)
            {
                int n = (int)shape.Length;
                var seeds = new uint[n];
                for (int block = 0; block < 10; block++)
                {
                    uint label = (uint)rng.Next(1, 5);
                    int z0 = rng.Next(shape.Depth), y0 = rng.Next(shape.Height), x0 = rng.Next(shape.Width);
                    int size = rng.Next(1, 9);
                    for (int z = z0; z < Math.Min(shape.Depth, z0 + Math.Max(1, size / 3)); z++)
                    for (int y = y0; y < Math.Min(shape.Height, y0 + size); y++)
                    for (int x = x0; x < Math.Min(shape.Width, x0 + size); x++)
                        seeds[shape.IndexOf(z, y, x)] = label;
                }

                int values = rng.Next(1, 5);
                var landscape = new double[n];
                for (int i = 0; i < n; i++) landscape[i] = c % 2 == 0 ? rng.Next(values) : (i / 7 + i / (5 * shape.Width)) % (values + 1);
                bool[]? mask = c % 3 == 0 ? Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.9).ToArray() : null;

                ours[c] = Watershed.Apply(new LabelImage(seeds, shape), landscape, mask, FloodCost.OwnValue).Image.Data;
                File.WriteAllBytes(Path.Combine(dir, $"{c}.seeds"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(seeds.AsSpan()).ToArray());
                File.WriteAllBytes(Path.Combine(dir, $"{c}.heat"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(landscape.AsSpan()).ToArray());
                if (mask is not null) File.WriteAllBytes(Path.Combine(dir, $"{c}.mask"), mask.Select(m => (byte)(m ? 1 : 0)).ToArray());
            }

            const string Script = """
                import os, sys
                import numpy as np
                from skimage.segmentation import watershed
                folder, cases, shape = sys.argv[1], int(sys.argv[2]), tuple(int(s) for s in sys.argv[3:])
                for c in range(cases):
                    base = os.path.join(folder, str(c))
                    seeds = np.fromfile(base + ".seeds", dtype="<u4").reshape(shape)
                    heat = np.fromfile(base + ".heat", dtype="<f8").reshape(shape)
                    mask = np.fromfile(base + ".mask", dtype=np.uint8).reshape(shape).astype(bool) if os.path.exists(base + ".mask") else None
                    watershed(heat, markers=seeds, mask=mask).astype("<u4").tofile(base + ".out")
                """;
            int[] dims = volume ? [shape.Depth, shape.Height, shape.Width] : [shape.Height, shape.Width];
            var (code, _, error) = ExternalTools.Run(ExternalTools.DebianPython, ["-c", Script, dir, Cases.ToString(), .. dims.Select(d => d.ToString())]);
            Assert.True(code == 0, error);
            for (int c = 0; c < Cases; c++)
            {
                var expected = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(File.ReadAllBytes(Path.Combine(dir, $"{c}.out"))).ToArray();
                ReferenceCases.AssertSameLabels(expected, ours[c], shape);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
