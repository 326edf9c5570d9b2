using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Postprocessing;

/// <summary>A shape-filtered label image (kept segments renumbered 1..N in ascending order of their old id),
/// the area limit the distribution gave, and the report of rejected segments.</summary>
public sealed record ShapeFilterResult(LabelImage Image, int SegmentsBefore, int SegmentsAfter, double MinAreaUsed, FilterReport Report);

/// <summary>
/// The shape filter of <c>filter_cell_by_regionprops</c>: rejects segments by area (absolute,
/// relative to the median, a percentile, outliers beyond k σ), eccentricity, solidity, extent,
/// compactness, convexity deficit and perimeter/√area, and renumbers the survivors from 1.
/// </summary>
/// <remarks>
/// Works on a table of per-segment features — <c>index, area, perimeter, eccentricity,
/// solidity, extent</c> in 2D; <c>index, volume, surface_area, solidity, extent</c> in 3D —
/// as the morphology measurement produces with its shape extras. In 3D, area means volume,
/// perimeter surface area, compactness 36πV²/S³ and perimeter/√area S/V^(2/3); eccentricity
/// has no 3D meaning and asking for it is an error. Distribution statistics (median,
/// percentile, mean, population σ) are taken over all segments of the input.
/// </remarks>
public static class ShapeFilter
{
    public const string AreaBelowMin = "area_below_min";
    public const string AreaBelowAbsoluteMin = "area_below_absolute_min";
    public const string AreaAboveMax = "area_above_max";
    public const string HighEccentricity = "eccentricity_above_max";
    public const string LowSolidity = "solidity_below_min";
    public const string HighSolidity = "solidity_above_max";
    public const string LowExtent = "extent_below_min";
    public const string HighExtent = "extent_above_max";
    public const string LowCompactness = "compactness_below_min";
    public const string HighConvexityDeficit = "convexity_deficit_above_max";
    public const string HighPerimeterAreaRatio = "perimeter_area_ratio_above_max";
    public const string AreaOutlier = "area_outlier";

    private static readonly string[] ReasonOrder =
    [
        AreaBelowMin, AreaBelowAbsoluteMin, AreaAboveMax, HighEccentricity, LowSolidity, HighSolidity,
        LowExtent, HighExtent, LowCompactness, HighConvexityDeficit, HighPerimeterAreaRatio, AreaOutlier,
    ];

    /// <summary>Measures the features (<see cref="ShapeFeatures"/>) and filters.</summary>
    public static ShapeFilterResult Apply(LabelImage labels, ShapeFilterOptions? options = null, CancellationToken cancellationToken = default) =>
        Apply(labels, ShapeFeatures.Measure(labels, cancellationToken), options);

    public static ShapeFilterResult Apply(LabelImage labels, MeasurementTable features, ShapeFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(features);
        options ??= new ShapeFilterOptions();
        bool is2D = labels.Shape.Is2D;
        if (!is2D && options.MaxEccentricity is not null)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, "eccentricity is defined for 2D segments only; leave max eccentricity unset for 3D images");

        var present = LabelCounts.Of(labels).Labels();
        var shape = ShapeValues.From(features, present, is2D);
        int n = present.Length;

        double minArea = options.MinArea.Resolve(shape.Area);
        double mean = n == 0 ? double.NaN : shape.Area.Average();
        double std = n == 0 ? double.NaN : Math.Sqrt(shape.Area.Sum(a => (a - mean) * (a - mean)) / n);

        var map = new Dictionary<uint, uint>();
        var rejected = new List<(int Row, List<string> Reasons)>();
        for (int r = 0; r < n; r++)
        {
            var reasons = new List<string>();
            double area = shape.Area[r];
            if (SizeLimit.IsBelow(area, minArea)) reasons.Add(AreaBelowMin);
            if (SizeLimit.IsBelow(area, options.MinAbsoluteArea)) reasons.Add(AreaBelowAbsoluteMin);
            if (SizeLimit.IsAbove(area, options.MaxArea)) reasons.Add(AreaAboveMax);
            if (is2D && shape.Eccentricity[r] > options.MaxEccentricity) reasons.Add(HighEccentricity);
            if (shape.Solidity[r] < options.MinSolidity) reasons.Add(LowSolidity);
            if (shape.Solidity[r] > options.MaxSolidity) reasons.Add(HighSolidity);
            if (shape.Extent[r] < options.MinExtent) reasons.Add(LowExtent);
            if (shape.Extent[r] > options.MaxExtent) reasons.Add(HighExtent);
            if (shape.Compactness[r] < options.MinCompactness) reasons.Add(LowCompactness);
            if (1 - shape.Solidity[r] > options.MaxConvexityDeficit) reasons.Add(HighConvexityDeficit);
            if (shape.PerimeterAreaRatio[r] > options.MaxPerimeterAreaRatio) reasons.Add(HighPerimeterAreaRatio);
            if (options.AreaStdFilter is { } k && Math.Abs(area - mean) > k * std) reasons.Add(AreaOutlier);

            if (reasons.Count == 0) map[present[r]] = (uint)(map.Count + 1);
            else rejected.Add((r, reasons));
        }

        var image = labels.WithData(LabelMapping.Apply(labels.Data, map));
        var rows = rejected.Select(x => x.Row).ToArray();
        var table = new MeasurementTable([
            new IntegerColumn(MeasurementTable.IndexColumn, rows.Select(r => (long)present[r])),
            new TextColumn("reasons", rejected.Select(x => string.Join(";", x.Reasons)).ToArray()),
            new DoubleColumn(is2D ? "area" : "volume", rows.Select(r => shape.Area[r]).ToArray()),
            new DoubleColumn(is2D ? "perimeter" : "surface_area", rows.Select(r => shape.Perimeter[r]).ToArray()),
            new DoubleColumn("eccentricity", rows.Select(r => is2D ? shape.Eccentricity[r] : double.NaN).ToArray()),
            new DoubleColumn("solidity", rows.Select(r => shape.Solidity[r]).ToArray()),
            new DoubleColumn("extent", rows.Select(r => shape.Extent[r]).ToArray()),
            new DoubleColumn("compactness", rows.Select(r => shape.Compactness[r]).ToArray()),
            new DoubleColumn("convexity_deficit", rows.Select(r => 1 - shape.Solidity[r]).ToArray()),
            new DoubleColumn("perimeter_area_ratio", rows.Select(r => shape.PerimeterAreaRatio[r]).ToArray()),
        ]);
        var report = new FilterReport(table, FilterReport.Count(rejected.Select(x => x.Reasons), ReasonOrder));
        return new ShapeFilterResult(image, n, map.Count, minArea, report);
    }

    /// <summary>The features of the present segments, in ascending id order, with the derived ratios.</summary>
    private sealed class ShapeValues
    {
        public double[] Area = [], Perimeter = [], Eccentricity = [], Solidity = [], Extent = [], Compactness = [], PerimeterAreaRatio = [];

        public static ShapeValues From(MeasurementTable features, uint[] present, bool is2D)
        {
            string areaName = is2D ? "area" : "volume", perimeterName = is2D ? "perimeter" : "surface_area";
            var index = features[MeasurementTable.IndexColumn];
            var rowOf = new Dictionary<long, int>();
            for (int r = 0; r < features.RowCount; r++)
                if (!index.IsMissing(r)) rowOf[(long)index.GetDouble(r)] = r;

            int n = present.Length;
            var rows = new int[n];
            for (int k = 0; k < n; k++)
            {
                if (!rowOf.TryGetValue(present[k], out rows[k]))
                    throw new SegMeasureException("SegMeasure.FeaturesMismatch", ErrorKind.InvalidData,
                        $"segment {present[k]} is in the image but not in the feature table; measure the same image");
            }

            double[] Column(string name, bool required)
            {
                var column = required ? features[name] : features.Find(name);
                return rows.Select(r => column?.GetDouble(r) ?? double.NaN).ToArray();
            }

            var v = new ShapeValues
            {
                Area = Column(areaName, true),
                Perimeter = Column(perimeterName, true),
                Eccentricity = Column("eccentricity", is2D),
                Solidity = Column("solidity", true),
                Extent = Column("extent", true),
            };
            v.Compactness = new double[n];
            v.PerimeterAreaRatio = new double[n];
            for (int k = 0; k < n; k++)
            {
                double a = v.Area[k], p = v.Perimeter[k];
                v.Compactness[k] = is2D ? 4 * Math.PI * a / (p * p) : 36 * Math.PI * a * a / (p * p * p);
                v.PerimeterAreaRatio[k] = is2D ? p / Math.Sqrt(a) : p / Math.Pow(a, 2.0 / 3.0);
            }

            return v;
        }
    }
}
