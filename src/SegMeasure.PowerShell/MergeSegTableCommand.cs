using System.Collections.ObjectModel;
using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Merges measurement table files on a key column and drops columns, like <c>segmeasure table merge</c>.</para>
/// <para type="description">An outer join of every given table on -On (default index): rows sorted by key, columns in table
/// order, integers kept as integers. Columns that appear in more than one table are an error (drop them first with
/// -DropColumn on a single table). With one table, only -DropColumn applies. The index column is protected. Emits one
/// record per row; pipe into Export-SegTable to save.</para>
/// </summary>
[Cmdlet(VerbsData.Merge, "SegTable", DefaultParameterSetName = "Path")]
[OutputType("SegMeasure.TableRow")]
public sealed class MergeSegTableCommand : PSCmdlet
{
    private readonly List<string> _files = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The key column shared by the tables.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string On { get; set; } = MeasurementTable.IndexColumn;

    /// <summary>Columns removed from the merged table.</summary>
    [Parameter]
    [Alias("DropColumns")]
    public string[] DropColumn { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "LiteralPath")
        {
            _files.AddRange(LiteralPath.Select(GetUnresolvedProviderPathFromPSPath));
            return;
        }

        foreach (var pattern in Path)
        {
            Collection<string> resolved = GetResolvedProviderPathFromPSPath(pattern, out _);
            _files.AddRange(resolved.OrderBy(p => p, StringComparer.Ordinal));
        }
    }

    protected override void EndProcessing()
    {
        MeasurementTable result;
        try
        {
            var tables = _files.Select(f => (f, TableFile.Read(f))).ToList();
            var merged = tables.Count == 1 ? tables[0].Item2 : TableMerge.Merge(tables, On);
            result = TableDrop.Drop(merged, DropColumn, tables.Count == 1 ? _files[0] : null);
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? string.Join(", ", _files)));
            return;
        }

        for (int row = 0; row < result.RowCount; row++)
            WriteObject(RecordFactory.FromRow(result, row, "SegMeasure.TableRow", []));
    }
}
