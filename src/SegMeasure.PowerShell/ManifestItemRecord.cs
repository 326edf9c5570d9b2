using System.Management.Automation;
using SegMeasure.Core.Batch;

namespace SegMeasure.PowerShell;

/// <summary>
/// One manifest row as Import-SegManifest emits it: the segmentation's full path itself (so it
/// binds to -Path of the next cmdlet as a file name does), with the paired files as the
/// properties the measure cmdlets bind by name (NucleusPath, IntensityPath) and the manifest's
/// other columns (plate, well, condition, …) as further properties.
/// </summary>
internal static class ManifestItemRecord
{
    public const string TypeName = "SegMeasure.ManifestItem";

    public static PSObject From(Manifest manifest, int item)
    {
        var segmentation = manifest.Resolved(Manifest.Segmentation, item)!;
        var record = new PSObject(segmentation);
        record.TypeNames.Insert(0, TypeName);
        record.Properties.Add(new PSNoteProperty("Path", segmentation));
        if (manifest.Resolved(Manifest.NucleusSegmentation, item) is { } nucleus) record.Properties.Add(new PSNoteProperty("NucleusPath", nucleus));
        if (manifest.Resolved(Manifest.IntensityImage, item) is { } intensity) record.Properties.Add(new PSNoteProperty("IntensityPath", intensity));
        foreach (var column in manifest.ExtraColumns)
            record.Properties.Add(new PSNoteProperty(column.Name, column.IsMissing(item) ? null : column.GetValue(item)));
        return record;
    }
}
