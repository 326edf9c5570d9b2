using System.Management.Automation;
using SegMeasure.Core;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// Base for cmdlets that work on a whole table (thresholds, clustering, classifiers): collects
/// the piped records — from any measure cmdlet or Import-Csv — into one table, hands it to the
/// core once, and emits copies of the records with the new columns added as properties. Copies, so
/// that a second analysis of the same records (-Clusters 3, then 5) leaves the first one's result alone.
/// </summary>
public abstract class TableCmdlet : CoreCmdlet
{
    private readonly List<PSObject> _records = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>False for cmdlets whose output is not the records (e.g. a trained model): the
    /// collected table is still handed to <see cref="Process"/>, but no records are emitted.</summary>
    protected virtual bool EmitsRecords => true;

    /// <summary>Runs the core function on the collected table and returns it with new or changed columns.</summary>
    protected abstract MeasurementTable Process(MeasurementTable table);

    protected override void ProcessRecord() => _records.AddRange(InputObject.Where(o => o is not null));

    protected override void EndProcessing()
    {
        if (_records.Count == 0) return;
        MeasurementTable result;
        try
        {
            result = Process(RecordTable.FromRecords(_records.Select(PSRecords.PropertiesOf).ToList()));
        }
        catch (SegMeasureException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? ""));
            return;
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        if (!EmitsRecords) return;
        for (int row = 0; row < _records.Count; row++)
        {
            var record = _records[row].Copy();
            foreach (var (name, value) in result.GetRow(row))
            {
                var existing = record.Properties[name];
                if (existing is null) record.Properties.Add(new PSNoteProperty(name, value));
                else if (!Equals(existing.Value, value) && existing.IsSettable) existing.Value = value;
            }

            WriteObject(record);
        }
    }
}
