using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Saves piped records as a measurement table: CSV, TSV or XLSX by the file's extension.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SegTable", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSegTableCommand : PSCmdlet
{
    private readonly List<PSObject> _records = [];

    /// <summary>The output file; .csv (default), .tsv or .xlsx.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject[] InputObject { get; set; } = [];

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Emit the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _records.AddRange(InputObject.Where(o => o is not null));

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            if (!ShouldProcess(path, $"Write a table of {_records.Count} row(s)")) return;
            TableFile.Write(path, RecordTable.FromRecords(_records.Select(PSRecords.PropertiesOf).ToList()), Force);
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? path));
        }

        if (PassThru) WriteObject(new FileInfo(path));
    }
}
