using System.Management.Automation;

namespace SegMeasure.PowerShell;

/// <summary>Reads piped records (measure cmdlet output, Import-Csv rows, any object) as name → value pairs for the core's RecordTable.</summary>
internal static class PSRecords
{
    public static IReadOnlyList<KeyValuePair<string, object?>> PropertiesOf(PSObject record) =>
        record.Properties
            .Where(p => p.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property)
            .Select(p => new KeyValuePair<string, object?>(p.Name, p.Value is PSObject ps ? ps.BaseObject : p.Value))
            .ToList();
}
