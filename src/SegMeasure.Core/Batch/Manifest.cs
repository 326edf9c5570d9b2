using System.Text.Json;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Batch;

/// <summary>
/// A sweep's items listed explicitly instead of paired by sorted position: the spec's groups made
/// durable. One row per item with the roles <c>segmentation</c>, <c>nucleus_segmentation</c> and
/// <c>intensity_image</c> (paths, relative to the manifest's folder unless absolute) plus any
/// other columns (plate, well, condition, …), which are carried into the item's output rows,
/// typed as a table's columns are (integers stay integers).
/// A manifest is a table file (CSV, TSV, XLSX, Parquet, by extension) or JSON: an array of
/// objects, or an object whose <c>items</c> is that array.
/// </summary>
public sealed class Manifest
{
    public const string Segmentation = "segmentation";
    public const string NucleusSegmentation = "nucleus_segmentation";
    public const string IntensityImage = "intensity_image";

    /// <summary>The roles a manifest names files with; every other column is carried into outputs.</summary>
    public static IReadOnlyList<string> Roles { get; } = [Segmentation, NucleusSegmentation, IntensityImage];

    private readonly IReadOnlyDictionary<string, TextColumn> _roles;

    private Manifest(string path, int count, IReadOnlyDictionary<string, TextColumn> roles, IReadOnlyList<TableColumn> extras)
    {
        Path = path;
        Count = count;
        _roles = roles;
        ExtraColumns = extras;
    }

    public string Path { get; }

    /// <summary>Number of items (rows).</summary>
    public int Count { get; }

    /// <summary>The columns that are not roles, one value per item, in the manifest's order.</summary>
    public IReadOnlyList<TableColumn> ExtraColumns { get; }

    /// <summary>True when some item names a file for <paramref name="role"/>.</summary>
    public bool Has(string role) => _roles.TryGetValue(role, out var column) && column.Values.Any(v => !string.IsNullOrEmpty(v));

    /// <summary>The file of <paramref name="role"/> for item <paramref name="item"/> as written in the manifest, or null.</summary>
    public string? Spelled(string role, int item) =>
        _roles.TryGetValue(role, out var column) && !string.IsNullOrEmpty(column[item]) ? column[item] : null;

    /// <summary>The same file resolved against the manifest's folder, or null.</summary>
    public string? Resolved(string role, int item) =>
        Spelled(role, item) is { } spelled ? System.IO.Path.GetFullPath(spelled, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!) : null;

    /// <summary>
    /// Reads a manifest. A missing <c>segmentation</c> column or cell, an unknown file, or two
    /// items with the same segmentation are errors naming the manifest, the row and the problem.
    /// </summary>
    public static Manifest Read(string path)
    {
        var table = System.IO.Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path) : TableFile.Read(path);
        if (!table.HasColumn(Segmentation))
            throw Invalid(path, $"no '{Segmentation}' column (a manifest has the columns {string.Join(", ", Roles)} and any others to carry into the outputs)");
        var roles = Roles.Where(table.HasColumn).ToDictionary(r => r, r => AsText(table[r]));
        var manifest = new Manifest(path, table.RowCount, roles, table.Columns.Where(c => !Roles.Contains(c.Name)).ToList());
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int item = 0; item < manifest.Count; item++)
        {
            if (manifest.Spelled(Segmentation, item) is not { } segmentation)
                throw Invalid(path, $"row {item + 1} has no {Segmentation}");
            if (seen.TryGetValue(segmentation, out var first))
                throw Invalid(path, $"rows {first + 1} and {item + 1} name the same {Segmentation} {segmentation}");
            seen[segmentation] = item;
            foreach (var role in roles.Keys)
                if (manifest.Resolved(role, item) is { } file && !File.Exists(file))
                    throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: row {item + 1}: {role} {manifest.Spelled(role, item)}: no such file", file);
        }

        return manifest;
    }

    /// <summary>
    /// <paramref name="table"/> (one item's result) with the item's extra columns in front, each
    /// value repeated on every row, so a combined table keeps plate, well and condition per row.
    /// </summary>
    public MeasurementTable WithItemColumns(MeasurementTable table, int item)
    {
        if (ExtraColumns.Count == 0) return table;
        var rows = Enumerable.Repeat(item, table.RowCount).ToList();
        foreach (var extra in ExtraColumns)
            if (table.HasColumn(extra.Name))
                throw Invalid(Path, $"the column '{extra.Name}' is also a column of the result; rename it in the manifest");
        return new MeasurementTable(ExtraColumns.Select(c => c.Take(rows)).Concat(table.Columns));
    }

    private static TextColumn AsText(TableColumn column) =>
        column as TextColumn ?? new TextColumn(column.Name, Enumerable.Range(0, column.Count).Select(r => CellText.Format(column.GetValue(r))).ToArray());

    private static MeasurementTable ReadJson(string path)
    {
        if (!File.Exists(path)) throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such file", path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var items = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out var list) ? list : document.RootElement;
            if (items.ValueKind != JsonValueKind.Array)
                throw Invalid(path, "expected an array of items (or an object with \"items\": [...])");
            var names = new List<string>();
            var rows = new List<Dictionary<string, object?>>();
            foreach (var element in items.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object) throw Invalid(path, $"item {rows.Count + 1} is not an object");
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Contains(property.Name)) names.Add(property.Name);
                    row[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.TryGetInt64(out var l) ? (object)l : property.Value.GetDouble(),
                        JsonValueKind.Null => null,
                        JsonValueKind.True => 1L,
                        JsonValueKind.False => 0L,
                        _ => throw Invalid(path, $"item {rows.Count + 1}: '{property.Name}' must be a string, a number or null"),
                    };
                }

                rows.Add(row);
            }

            return new MeasurementTable(names.Select(n => ColumnInference.FromCells(n, rows.Select(r => r.GetValueOrDefault(n)).ToList())));
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"not valid JSON ({e.Message})");
        }
    }

    private static SegMeasureException Invalid(string path, string problem) =>
        new("SegMeasure.InvalidManifest", ErrorKind.InvalidData, $"{path}: {problem}", path);
}
