using System.Collections.Specialized;
using System.Management.Automation;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Postprocessing;

/// <summary>The one object a post-processing cmdlet emits per file: paths, segment counts and, for filters, the rejection report.</summary>
internal static class PostprocessRecord
{
    public const string TypeName = "SegMeasure.PostprocessResult";
    public const string ShapeFilterTypeName = "SegMeasure.ShapeFilterResult";
    public const string MaskMatchingTypeName = "SegMeasure.MaskMatchingResult";

    public static PSObject From(PostprocessFileResult result, string typeName = TypeName)
    {
        var record = new PSObject();
        record.TypeNames.Insert(0, typeName);
        record.Properties.Add(new PSNoteProperty("Path", result.InputPath));
        record.Properties.Add(new PSNoteProperty("OutputPath", result.OutputPath));
        record.Properties.Add(new PSNoteProperty("SegmentsBefore", result.SegmentsBefore));
        record.Properties.Add(new PSNoteProperty("SegmentsAfter", result.SegmentsAfter));
        if (result.SecondInputPath is not null) record.Properties.Add(new PSNoteProperty("PairedPath", result.SecondInputPath));
        if (result.SecondOutputPath is not null) record.Properties.Add(new PSNoteProperty("PairedOutputPath", result.SecondOutputPath));
        if (result.Report is { } report)
        {
            var counts = new OrderedDictionary();
            foreach (var (reason, count) in report.CountsByReason) counts[reason] = count;
            var rows = new PSObject[report.Rejections.RowCount];
            for (int r = 0; r < rows.Length; r++)
                rows[r] = RecordFactory.FromRow(report.Rejections, r, "SegMeasure.Rejection", []);
            record.Properties.Add(new PSNoteProperty("Rejected", report.RejectedCount));
            record.Properties.Add(new PSNoteProperty("RejectedByReason", counts));
            record.Properties.Add(new PSNoteProperty("Rejections", rows));
        }

        return record;
    }
}
