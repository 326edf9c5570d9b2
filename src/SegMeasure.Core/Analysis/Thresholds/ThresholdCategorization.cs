using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Thresholds;

/// <summary>The outcome of categorising a table by thresholds on one column.</summary>
/// <param name="Table">The input table with <c>category_id</c> (1-based, 0 for missing) and <c>category_name</c> ("" for missing) added.</param>
/// <param name="Thresholds">The thresholds used, ascending.</param>
/// <param name="CategoryNames">One name per category.</param>
/// <param name="MissingCount">Rows whose value is missing (NaN): category 0, empty name.</param>
/// <param name="CategoryCounts">Rows per category, index 0 = category 1.</param>
public sealed record ThresholdResult(
    MeasurementTable Table,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<string> CategoryNames,
    int MissingCount,
    IReadOnlyList<int> CategoryCounts);

/// <summary>
/// Categorises the rows of a measurement table by thresholds on one column, as the reference
/// tool's <c>categorize_by_threshold</c>: a value below the first (sorted) threshold is category
/// 1, a value equal to a threshold belongs to the category above it (numpy <c>digitize</c> + 1),
/// and a missing value gets category 0 with an empty name.
/// </summary>
public static class ThresholdCategorization
{
    public const string IdColumn = "category_id";
    public const string NameColumn = "category_name";

    /// <summary>The names used when none are given: category_1, category_2, …</summary>
    public static string[] DefaultNames(int categories) =>
        Enumerable.Range(1, categories).Select(i => $"category_{i}").ToArray();

    /// <summary>The values of <paramref name="column"/> as doubles (NaN = missing); a text column is an error.</summary>
    public static double[] ColumnValues(MeasurementTable table, string column)
    {
        var values = table[column];
        if (values.Kind == ColumnKind.Text)
            throw new SegMeasureException("SegMeasure.NotNumeric", ErrorKind.InvalidArgument, $"the column '{column}' holds text, not numbers");
        return Enumerable.Range(0, table.RowCount).Select(values.GetDouble).ToArray();
    }

    /// <summary>
    /// What the front ends call: categorises into <paramref name="categories"/> categories by the
    /// given thresholds (exactly <paramref name="categories"/> − 1 of them), or by suggested ones
    /// when <paramref name="thresholds"/> is null or empty.
    /// </summary>
    public static ThresholdResult Apply(MeasurementTable table, string column, int categories, IReadOnlyList<double>? thresholds = null,
        IReadOnlyList<string>? categoryNames = null, ThresholdMethod method = ThresholdMethod.Quantiles, int bins = ThresholdSuggestion.DefaultBins)
    {
        if (categories < 2)
            throw new SegMeasureException("SegMeasure.InvalidCategoryCount", ErrorKind.InvalidArgument,
                $"the number of categories must be at least 2 (got {categories})");
        if (thresholds is null || thresholds.Count == 0) return Categorize(table, column, categories, method, categoryNames, bins);
        if (thresholds.Count != categories - 1)
            throw new SegMeasureException("SegMeasure.ThresholdCount", ErrorKind.InvalidArgument,
                $"{categories} categories need {categories - 1} threshold(s), got {thresholds.Count}");
        return Categorize(table, column, thresholds, categoryNames);
    }

    /// <summary>Suggests thresholds on <paramref name="column"/> and categorises by them.</summary>
    public static ThresholdResult Categorize(MeasurementTable table, string column, int categories, ThresholdMethod method = ThresholdMethod.Quantiles,
        IReadOnlyList<string>? categoryNames = null, int bins = ThresholdSuggestion.DefaultBins)
    {
        var thresholds = ThresholdSuggestion.Suggest(ColumnValues(table, column), categories, method, bins);
        return Categorize(table, column, thresholds, categoryNames);
    }

    /// <summary>Categorises by explicit thresholds (any order; sorted here).</summary>
    public static ThresholdResult Categorize(MeasurementTable table, string column, IReadOnlyList<double> thresholds, IReadOnlyList<string>? categoryNames = null)
    {
        var values = ColumnValues(table, column);
        if (thresholds.Any(double.IsNaN))
            throw new SegMeasureException("SegMeasure.InvalidThreshold", ErrorKind.InvalidArgument, "a threshold is NaN");
        var sorted = thresholds.OrderBy(t => t).ToArray();
        int categories = sorted.Length + 1;
        var names = categoryNames?.ToArray() ?? DefaultNames(categories);
        if (names.Length != categories)
            throw new SegMeasureException("SegMeasure.CategoryNameCount", ErrorKind.InvalidArgument,
                $"expected {categories} category names for {sorted.Length} threshold(s), got {names.Length}");

        var ids = new long?[values.Length];
        var labels = new string?[values.Length];
        var counts = new int[categories];
        int missing = 0;
        for (int row = 0; row < values.Length; row++)
        {
            if (double.IsNaN(values[row]))
            {
                ids[row] = 0;
                labels[row] = "";
                missing++;
                continue;
            }

            int id = CategoryOf(values[row], sorted);
            ids[row] = id;
            labels[row] = names[id - 1];
            counts[id - 1]++;
        }

        var result = table.WithColumn(new IntegerColumn(IdColumn, ids)).WithColumn(new TextColumn(NameColumn, labels));
        return new ThresholdResult(result, sorted, names, missing, counts);
    }

    /// <summary>1 + the number of thresholds at or below <paramref name="value"/>.</summary>
    internal static int CategoryOf(double value, double[] sortedThresholds)
    {
        int lo = 0, hi = sortedThresholds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sortedThresholds[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return lo + 1;
    }
}
