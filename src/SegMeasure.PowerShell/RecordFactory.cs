using System.Management.Automation;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>Builds the PSObjects cmdlets emit: one table row as note properties, under a type name the format file knows.</summary>
internal static class RecordFactory
{
    public static PSObject FromRow(MeasurementTable table, int row, string typeName, (string Name, object? Value)[] extra)
    {
        var record = new PSObject();
        record.TypeNames.Insert(0, typeName);
        foreach (var (name, value) in table.GetRow(row))
            record.Properties.Add(new PSNoteProperty(name, value));
        foreach (var (name, value) in extra)
            record.Properties.Add(new PSNoteProperty(name, value));
        return record;
    }
}
