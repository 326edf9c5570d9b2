using System.Management.Automation;
using SegMeasure.Core.Segmentation;

namespace SegMeasure.PowerShell.Segmentation;

/// <summary>The object Invoke-SegSegmentation emits per mask: Path is the mask, so it pipes into Measure-*.</summary>
internal static class SegmentationRecord
{
    public const string TypeName = "SegMeasure.SegmentationResult";

    public static PSObject From(SegmentationResult result)
    {
        var record = new PSObject();
        record.TypeNames.Insert(0, TypeName);
        record.Properties.Add(new PSNoteProperty("Input", result.Input));
        record.Properties.Add(new PSNoteProperty("Path", result.MaskPath));
        record.Properties.Add(new PSNoteProperty("LogPath", result.LogPath));
        record.Properties.Add(new PSNoteProperty("ObjectsPerFrame", result.ObjectsPerFrame.ToArray()));
        record.Properties.Add(new PSNoteProperty("Seconds", result.Seconds));
        record.Properties.Add(new PSNoteProperty("Warnings", result.Warnings.ToArray()));
        return record;
    }
}
