using System.Management.Automation;
using SegMeasure.Core.Tables;
using SegMeasure.Viewer;

namespace SegMeasure.PowerShell;

/// <summary>
/// What Show-SegViewer gathers and does: the files in pipeline order (one member per distinct
/// segmentation path), the records piped for each, then a viewer session served until Done.
/// Records come back with the viewer's columns set as properties; files without records come
/// back as new rows with their Path.
/// </summary>
internal sealed class ViewerCall
{
    public const string RowTypeName = "SegMeasure.ViewerRow";

    private readonly PSCmdlet _cmdlet;
    private readonly List<(string Path, string? Intensity, string? Nucleus, List<PSObject> Records)> _members = [];

    public ViewerCall(PSCmdlet cmdlet) => _cmdlet = cmdlet;

    public void Add(string path, string? intensity, string? nucleus, PSObject? input)
    {
        int at = _members.FindIndex(m => m.Path == path);
        if (at < 0)
        {
            _members.Add((path, intensity, nucleus, []));
            at = _members.Count - 1;
        }

        // A file or a path string only names the segmentation; anything else is a row of its table.
        if (input is not null && input.BaseObject is not (string or FileSystemInfo))
            _members[at].Records.Add(input);
    }

    public void Run(ViewerOptions options, bool openBrowser, bool passThru, CancellationToken stopping)
    {
        var members = _members.Select(m => new ViewerMember(m.Path, m.Intensity, m.Nucleus, null,
            m.Records.Count == 0 ? null : RecordTable.FromRecords(m.Records.Select(PSRecords.PropertiesOf).ToList()))).ToList();
        var session = ViewerSession.Create(members, options, stopping);
        var server = ViewerServer.Start(session);
        // Shown like Write-Host and kept in the information stream, where scripts and tests read it.
        _cmdlet.WriteInformation(new HostInformationMessage { Message = server.Address }, ["PSHOST", "SegMeasure.Viewer"]);
        if (openBrowser) BrowserLauncher.TryOpen(server.Address);
        try
        {
            server.WaitForDone(stopping);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        if (passThru) Emit(session.ResultTables());
    }

    private void Emit(IReadOnlyList<MeasurementTable> tables)
    {
        for (int m = 0; m < tables.Count; m++)
        {
            var (path, intensity, nucleus, records) = _members[m];
            for (int row = 0; row < tables[m].RowCount; row++)
            {
                if (records.Count == 0)
                {
                    _cmdlet.WriteObject(RecordFactory.FromRow(tables[m], row, RowTypeName, [("Path", path), ("IntensityPath", intensity), ("NucleusPath", nucleus)]));
                    continue;
                }

                var record = records[row];
                foreach (var name in ViewerColumns.Names)
                {
                    var value = tables[m][name].GetValue(row);
                    var existing = record.Properties[name];
                    if (existing is null) record.Properties.Add(new PSNoteProperty(name, value));
                    else if (existing.IsSettable) existing.Value = value;
                }

                _cmdlet.WriteObject(record);
            }
        }
    }
}
