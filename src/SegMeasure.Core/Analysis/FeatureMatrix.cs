using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis;

/// <summary>
/// The numeric features of a measurement table as a row-major matrix, for clustering,
/// embeddings and classifiers. Every numeric column is a feature except the key and the
/// columns analysis itself writes. Rows holding a NaN or infinite feature are marked invalid
/// rather than dropped, so results can be written back row for row.
/// </summary>
internal sealed class FeatureMatrix
{
    /// <summary>Columns that are never features: the key and what analysis adds to a table.</summary>
    public static IReadOnlySet<string> ReservedColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "index", "annotation", "cluster_id", "category_id", "category_name",
        "classification_id", "classification_name", "embedding_1", "embedding_2",
    };

    private FeatureMatrix(string[] names, double[][] rows, bool[] valid)
    {
        FeatureNames = names;
        Rows = rows;
        IsValid = valid;
        ValidCount = valid.Count(v => v);
    }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>One array of <see cref="FeatureNames"/>.Count values per table row.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>False for rows with a NaN or infinite feature; those are not fed to algorithms.</summary>
    public IReadOnlyList<bool> IsValid { get; }

    public int ValidCount { get; }
    public int SkippedCount => Rows.Count - ValidCount;

    /// <summary>The valid rows, in table order, with their row numbers.</summary>
    public (int[] RowNumbers, double[][] Values) ValidRows()
    {
        var numbers = Enumerable.Range(0, Rows.Count).Where(i => IsValid[i]).ToArray();
        return (numbers, numbers.Select(i => Rows[i]).ToArray());
    }

    /// <summary>
    /// Selects features from <paramref name="table"/>: either the columns a model expects
    /// (<paramref name="featureNames"/>; a missing one is an error naming it) or every numeric
    /// column that is not reserved and not <paramref name="annotationColumn"/>.
    /// </summary>
    public static FeatureMatrix FromTable(MeasurementTable table, string? annotationColumn = "annotation", IReadOnlyList<string>? featureNames = null)
    {
        string[] names;
        if (featureNames is not null)
        {
            var missing = featureNames.Where(n => !table.HasColumn(n) || table[n].Kind == ColumnKind.Text).ToList();
            if (missing.Count > 0)
                throw new SegMeasureException("SegMeasure.MissingFeature", ErrorKind.InvalidData,
                    $"the table lacks the numeric feature column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            names = featureNames.ToArray();
        }
        else
        {
            names = table.Columns
                .Where(c => c.Kind != ColumnKind.Text && !ReservedColumns.Contains(c.Name) && c.Name != annotationColumn)
                .Select(c => c.Name)
                .ToArray();
            if (names.Length == 0)
                throw new SegMeasureException("SegMeasure.NoFeatures", ErrorKind.InvalidData, "the table has no numeric feature columns");
        }

        var columns = names.Select(n => table[n]).ToArray();
        var rows = new double[table.RowCount][];
        var valid = new bool[table.RowCount];
        for (int r = 0; r < rows.Length; r++)
        {
            var row = new double[columns.Length];
            bool ok = true;
            for (int c = 0; c < columns.Length; c++)
            {
                row[c] = columns[c].GetDouble(r);
                ok &= double.IsFinite(row[c]);
            }

            rows[r] = row;
            valid[r] = ok;
        }

        return new FeatureMatrix(names, rows, valid);
    }
}
