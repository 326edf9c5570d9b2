using System.Management.Automation;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Reads measurement tables (CSV, TSV, XLSX) as one record per row.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SegTable", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.TableRow")]
public sealed class ImportSegTableCommand : SegMeasureCmdlet
{
    protected override string Activity => "Reading tables";

    protected override void ProcessFile(string path) => WriteRows(TableFile.Read(path), "SegMeasure.TableRow");
}
