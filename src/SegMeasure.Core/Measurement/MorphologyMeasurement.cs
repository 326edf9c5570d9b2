using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Measurement.Geometry;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Measurement;

/// <summary>
/// Per-segment shape descriptors (the reference's <c>measure_morphology</c>) in physical units:
/// the Crofton perimeter (Lehmann and Legland 2012), marching-cubes surfaces (Lewiner et al. 2003),
/// moments of inertia and convex hulls, defined as the reference tool's regionprops defines them
/// under a voxel spacing.
/// </summary>
/// <remarks>
/// <para>2D: <c>area</c> = pixel count × sy·sx; <c>perimeter</c> = Crofton perimeter with 4
/// directions (see <see cref="PerimeterMethod"/> for anisotropic pixels); <c>sphericity</c> =
/// 4π·area/perimeter² (0 when the perimeter is 0).</para>
/// <para>3D: <c>volume</c> = voxel count × sz·sy·sx; <c>surface_area</c> = area of the marching-cubes
/// mesh (level ½) of the zero-padded object; <c>sphericity</c> = π^(1/3)·(6V)^(2/3)/S.</para>
/// <para>Both: <c>solidity</c> = voxel count / voxel count of the convex hull image (<see cref="ConvexHullImage"/>). For
/// 3D objects without volume (one slice, a line, one voxel) the reference divides by zero; here
/// the hull is taken within the object's own plane or line, giving a finite ratio (1 for a single
/// voxel). <c>axis_major_length</c>/<c>axis_minor_length</c> come from the eigenvalues of the inertia
/// tensor of the physical voxel coordinates (4√λ in 2D; √(10(λ0+λ1−λ2)) and √(10(−λ0+λ1+λ2)) in 3D,
/// 0 where rounding would make the radicand negative); <c>equivalent_diameter</c> is that of the
/// disc/ball of equal area/volume.</para>
/// <para>One parallel pass over the runs of each row collects counts, exact integer coordinate
/// moments, bounding boxes and the 2×2 boundary configurations of every label, and keeps the runs
/// of 2D objects, whose row ends are all a 2D convex hull needs; 3D objects get a second pass that
/// cuts out their bounding-box masks (hull, marching cubes). Nothing scans the image once per
/// label, and boundary work follows the runs, not the pixels.</para>
/// </remarks>
public static class MorphologyMeasurement
{
    public static IReadOnlyList<string> Columns2D { get; } =
        ["index", "area", "perimeter", "sphericity", "solidity", "axis_major_length", "axis_minor_length", "equivalent_diameter"];

    public static IReadOnlyList<string> Columns3D { get; } =
        ["index", "volume", "surface_area", "sphericity", "solidity", "axis_major_length", "axis_minor_length", "equivalent_diameter"];

    public static MeasurementTable Measure(LabelImage labels, MorphologyOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Measure(ArrayRows.Of(labels), options, BandLayout.InMemory, progress, ct);
    }

    /// <summary>
    /// Measures labels read row by row, from memory or from a file band by band (<see cref="TiffRows"/>):
    /// one path for both, the table the same. Memory beyond a band per worker is per-label state: the
    /// accumulators, the row ends of 2D objects, and the bounding-box masks of 3D objects (and of 2D
    /// ones for the Feret diameter), which a second read of the rows cuts out.
    /// </summary>
    internal static MeasurementTable Measure(ImageRows labels, MorphologyOptions? options, BandLayout bands,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new MorphologyOptions();
        var (sz, sy, sx) = MeasurementScale.Resolve(options.Scale, labels.Shape, labels.VoxelSize);
        bool is2D = labels.Shape.Is2D;
        const string activity = "Measuring morphology";

        progress?.Report(new WorkProgress(activity, 0, 3));
        // 2D hulls need only row ends, taken from the runs the scan keeps; 3D kernels (and the Feret
        // diameter) need each object's mask.
        var shapes = ShapeAccumulators.Collect(labels, keepRuns: is2D, bands, out var slots, out var runs, ct);
        progress?.Report(new WorkProgress(activity, 1, 3));
        var rowExtents = is2D ? RowExtents.Collect(shapes, slots.Count, runs, ct) : null;
        var masks = !is2D || options.IncludeShapeExtras ? ObjectMasks.Cut(labels, slots, shapes, bands, ct) : null;
        progress?.Report(new WorkProgress(activity, 2, 3));

        int n = slots.Count;
        // Objects are described in slot order, which walks the accumulators front to back; only the
        // finished rows are then put in id order.
        var bySlot = new ShapeRow[n];
        var perimeterWeights = options.PerimeterMethod == PerimeterMethod.Exact
            ? CroftonTables.PhysicalPerimeter(sy, sx)
            : CroftonTables.PixelPerimeter.Select(w => w * Math.Sqrt(sy * sx)).ToArray();
        // Objects go to workers in ranges: with 10⁵ small objects, one delegate call each would show.
        var ranges = Partitioner.Create(0, Math.Max(n, 1), Math.Max(1, n / (8 * Environment.ProcessorCount)));
        Parallel.ForEach(ranges, new ParallelOptions { CancellationToken = ct }, range =>
        {
            for (int s = range.Item1; s < Math.Min(range.Item2, n); s++)
            {
                bySlot[s] = is2D
                    ? Describe2D(shapes, s, rowExtents!, masks?[s], sy, sx, perimeterWeights)
                    : Describe3D(shapes, s, masks![s], sz, sy, sx, options.IncludeShapeExtras);
                if (masks is not null) masks[s] = null!; // release each mask as soon as it is measured
            }
        });
        progress?.Report(new WorkProgress(activity, 3, 3));
        return BuildTable(slots, shapes, new ShapeColumns(slots.InIdOrder(bySlot)), is2D, options.IncludeShapeExtras);
    }

    private readonly record struct ShapeRow(double Size, double Boundary, double Sphericity, double Solidity, double Major, double Minor,
        double EquivalentDiameter, double Eccentricity, double Orientation, double Feret, long Euler, double Extent);

    /// <summary>The descriptors column by column in table row order: a table of 10⁵ rows is then built without re-reading every row per column.</summary>
    private sealed class ShapeColumns
    {
        public readonly double[] Size, Boundary, Sphericity, Solidity, Major, Minor, EquivalentDiameter, Eccentricity, Orientation, Feret, Extent;
        public readonly long[] Euler;

        public ShapeColumns(ShapeRow[] table)
        {
            int rows = table.Length;
            Size = new double[rows];
            Boundary = new double[rows];
            Sphericity = new double[rows];
            Solidity = new double[rows];
            Major = new double[rows];
            Minor = new double[rows];
            EquivalentDiameter = new double[rows];
            Eccentricity = new double[rows];
            Orientation = new double[rows];
            Feret = new double[rows];
            Extent = new double[rows];
            Euler = new long[rows];
            for (int r = 0; r < rows; r++) Set(r, table[r]);
        }

        private void Set(int r, in ShapeRow row)
        {
            Size[r] = row.Size;
            Boundary[r] = row.Boundary;
            Sphericity[r] = row.Sphericity;
            Solidity[r] = row.Solidity;
            Major[r] = row.Major;
            Minor[r] = row.Minor;
            EquivalentDiameter[r] = row.EquivalentDiameter;
            Eccentricity[r] = row.Eccentricity;
            Orientation[r] = row.Orientation;
            Feret[r] = row.Feret;
            Euler[r] = row.Euler;
            Extent[r] = row.Extent;
        }
    }

    private static ShapeRow Describe2D(ShapeAccumulators shapes, int slot, RowExtents rows, ObjectMask? mask, double sy, double sx, double[] perimeterWeights)
    {
        long count = shapes.Count(slot);
        double area = count * (sy * sx);
        var cfg = shapes.ConfigurationsOf(slot);
        double perimeter = 0;
        long euler = 0;
        for (int c = 0; c < ShapeAccumulators.Configurations; c++)
        {
            perimeter += perimeterWeights[c] * cfg[c];
            euler += CroftonTables.Euler8[c] * cfg[c];
        }

        double sphericity = perimeter > 0 ? 4.0 * Math.PI * area / (perimeter * perimeter) : 0.0;
        double solidity = (double)count / PixelHull.Count(rows.First(slot), rows.Last(slot));
        var m = Central(shapes, slot);
        // Inertia tensor [[Cxx, -Cyx], [-Cyx, Cyy]] of the physical coordinates.
        double a = m.Xx * sx * sx, c2 = m.Yy * sy * sy, b = -m.Yx * sy * sx;
        var (l1, l2) = SymmetricEigen.Of2x2(a, b, c2);
        l1 = Math.Max(l1, 0);
        l2 = Math.Max(l2, 0);
        double eccentricity = l1 == 0 ? 0 : Math.Sqrt(1 - l2 / l1);
        double orientation = a - c2 == 0 ? (b < 0 ? -Math.PI / 4 : Math.PI / 4) : 0.5 * Math.Atan2(-2 * b, c2 - a);
        double feret = mask is null ? double.NaN : FeretDiameter.Max(mask, 1.0, sy, sx);
        return new ShapeRow(area, perimeter, sphericity, solidity, 4 * Math.Sqrt(l1), 4 * Math.Sqrt(l2),
            Math.Sqrt(4 * area / Math.PI), eccentricity, orientation, feret, euler, Extent(shapes, slot));
    }

    private static ShapeRow Describe3D(ShapeAccumulators shapes, int slot, ObjectMask mask, double sz, double sy, double sx, bool extras)
    {
        long count = shapes.Count(slot);
        double volume = count * (sz * sy * sx);
        // One histogram of 2×2×2 windows gives the surface and, for the extras, the Euler number.
        var windows = SurfaceArea.CountConfigurations(mask);
        double surface = mask.Count == 0 ? 0.0 : SurfaceArea.FromConfigurations(windows, sz, sy, sx);
        double sphericity = surface > 0 ? Math.Pow(Math.PI, 1.0 / 3.0) * Math.Pow(6.0 * volume, 2.0 / 3.0) / surface : 0.0;
        double solidity = (double)count / ConvexHullImage.VoxelCount(mask);
        var m = Central(shapes, slot);
        double czz = m.Zz * sz * sz, cyy = m.Yy * sy * sy, cxx = m.Xx * sx * sx;
        double czy = m.Zy * sz * sy, czx = m.Zx * sz * sx, cyx = m.Yx * sy * sx;
        // The inertia tensor is tr(C)·I − C for the covariance C, so with C's eigenvalues
        // c0 ≥ c1 ≥ c2 the radicands 10(λ0+λ1−λ2) and 10(−λ0+λ1+λ2) are 20·c0 and 20·c2. Working on
        // C keeps the exact zeros of flat objects exact instead of a rounding residue.
        var (c0, _, c2) = SymmetricEigen.Of3x3(czz, cyy, cxx, czy, czx, cyx);
        double major = Math.Sqrt(Math.Max(0, 20 * c0));
        double minor = Math.Sqrt(Math.Max(0, 20 * c2));
        double feret = extras ? FeretDiameter.Max(mask, sz, sy, sx) : double.NaN;
        long euler = extras ? EulerCharacteristic.FromConfigurations(windows) : 0;
        return new ShapeRow(volume, surface, sphericity, solidity, major, minor, Math.Pow(6 * volume / Math.PI, 1.0 / 3),
            double.NaN, double.NaN, feret, euler, Extent(shapes, slot));
    }

    private readonly record struct CentralMoments(double Zz, double Yy, double Xx, double Zy, double Zx, double Yx);

    /// <summary>Second central moments divided by the count, from exact integer sums (pixel units).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CentralMoments Central(ShapeAccumulators shapes, int slot)
    {
        var m = shapes.Moments.AsSpan(slot * ShapeAccumulators.MomentStride, ShapeAccumulators.MomentStride);
        long n = m[0];
        double nn = (double)n * n; // one rounding of the exact square, as n is exact in a double
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        double Covariance(long sumAb, long sumA, long sumB)
        {
            Int128 numerator = (Int128)n * sumAb - (Int128)sumA * sumB;
            // Converting through long when it fits is exact and much cheaper than the 128-bit conversion.
            return (numerator >= long.MinValue && numerator <= long.MaxValue ? (long)numerator : (double)numerator) / nn;
        }
        return new CentralMoments(Covariance(m[4], m[1], m[1]), Covariance(m[5], m[2], m[2]), Covariance(m[6], m[3], m[3]),
            Covariance(m[7], m[1], m[2]), Covariance(m[8], m[1], m[3]), Covariance(m[9], m[2], m[3]));
    }

    private static MeasurementTable BuildTable(LabelSlots slots, ShapeAccumulators shapes, ShapeColumns rows, bool is2D, bool extras)
    {
        var columns = new List<TableColumn>
        {
            new IntegerColumn("index", slots.SortedIds.Select(id => (long)id)),
            new DoubleColumn(is2D ? "area" : "volume", rows.Size),
            new DoubleColumn(is2D ? "perimeter" : "surface_area", rows.Boundary),
            new DoubleColumn("sphericity", rows.Sphericity),
            new DoubleColumn("solidity", rows.Solidity),
            new DoubleColumn("axis_major_length", rows.Major),
            new DoubleColumn("axis_minor_length", rows.Minor),
            new DoubleColumn("equivalent_diameter", rows.EquivalentDiameter),
        };
        if (!extras) return new MeasurementTable(columns);

        if (is2D)
        {
            columns.Add(new DoubleColumn("eccentricity", rows.Eccentricity));
            columns.Add(new DoubleColumn("orientation", rows.Orientation));
        }

        columns.Add(new DoubleColumn("extent", rows.Extent));
        string[] axes = is2D ? ["y", "x"] : ["z", "y", "x"];
        int firstAxis = is2D ? 1 : 0;
        for (int a = 0; a < axes.Length; a++)
            columns.Add(new IntegerColumn($"bbox_min_{axes[a]}", slots.SlotsByIdOrder.Select(s => (long)shapes.BoxMin[s * 3 + firstAxis + a])));
        for (int a = 0; a < axes.Length; a++)
            columns.Add(new IntegerColumn($"bbox_max_{axes[a]}", slots.SlotsByIdOrder.Select(s => (long)shapes.BoxMax[s * 3 + firstAxis + a] + 1)));
        columns.Add(new DoubleColumn("feret_diameter_max", rows.Feret));
        columns.Add(new IntegerColumn("euler_number", rows.Euler));
        var size = rows.Size;
        var boundary = rows.Boundary;
        // Polsby-Popper, as the shape filter defines it: 1 for a disc/ball, smaller otherwise.
        columns.Add(new DoubleColumn("compactness", Enumerable.Range(0, size.Length).Select(r => boundary[r] <= 0 ? double.NaN
            : is2D ? 4 * Math.PI * size[r] / (boundary[r] * boundary[r]) : 36 * Math.PI * size[r] * size[r] / Math.Pow(boundary[r], 3)).ToArray()));
        columns.Add(new DoubleColumn("convexity_deficit", rows.Solidity.Select(s => 1 - s).ToArray()));
        if (is2D) columns.Add(new DoubleColumn("perimeter_over_sqrt_area", Enumerable.Range(0, size.Length).Select(r => boundary[r] / Math.Sqrt(size[r])).ToArray()));
        return new MeasurementTable(columns);
    }

    /// <summary>Voxel count over bounding-box volume.</summary>
    private static double Extent(ShapeAccumulators shapes, int s)
    {
        long box = 1;
        for (int a = 0; a < 3; a++) box *= shapes.BoxMax[s * 3 + a] - shapes.BoxMin[s * 3 + a] + 1;
        return (double)shapes.Count(s) / box;
    }
}
