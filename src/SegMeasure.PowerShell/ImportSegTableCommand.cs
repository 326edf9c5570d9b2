using System.Management.Automation;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Reads measurement tables (CSV, TSV, XLSX) as one record per row.</para>
/// <para type="description">Column types are inferred as pandas does: integer and double columns become numbers (missing
/// values are $null for integers, NaN for doubles), so records can be piped straight into analysis cmdlets.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SegTable", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.TableRow")]
public sealed class ImportSegTableCommand : SegMeasureCmdlet
{
    protected override string Activity => "Reading tables";

    protected override void ProcessFile(string path) => WriteRows(TableFile.Read(path), "SegMeasure.TableRow");
}
