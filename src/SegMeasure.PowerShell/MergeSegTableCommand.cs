using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Merges measurement table files on a key column and drops columns, like <c>segmeasure table merge</c>.</para>
/// </summary>
[Cmdlet(VerbsData.Merge, "SegTable", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.TableRow")]
public sealed class MergeSegTableCommand : SegMeasureCmdlet
{
    private readonly List<(string Path, MeasurementTable Table)> _tables = [];

    /// <summary>The key column the tables are joined on.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string On { get; set; } = MeasurementTable.IndexColumn;

    /// <summary>Columns to drop from the result; index is protected.</summary>
    [Parameter]
    [Alias("DropColumns")]
    public string[] DropColumn { get; set; } = [];

    protected override string Activity => "Reading tables";

    /// <summary>Each table is read as it arrives, so an unreadable one is one error and the others still merge.</summary>
    protected override void ProcessFile(string path) => _tables.Add((path, TableFile.Read(path)));

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_tables.Count == 0) return;
        MeasurementTable result;
        try
        {
            result = TableMerge.Combine(_tables, On, DropColumn);
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? string.Join(", ", _tables.Select(t => t.Path))));
            return;
        }

        WriteRows(result, "SegMeasure.TableRow");
    }
}
