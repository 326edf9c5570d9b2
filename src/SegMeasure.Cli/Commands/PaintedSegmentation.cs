using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// The analyze commands' <c>--segmentation</c> / <c>--output-segmentation</c> pair: the label
/// image to paint with the result ids, and where the painted copy goes.
/// </summary>
internal sealed record PaintedSegmentation(string Input, string Output)
{
    /// <summary>The pair, or null when no painted output was asked for; an output without an input is an error.</summary>
    public static PaintedSegmentation? From(string? segmentation, string? outputSegmentation)
    {
        if (outputSegmentation is null) return null;
        if (segmentation is null)
            throw new SegMeasureException("SegMeasure.MissingSegmentation", ErrorKind.InvalidArgument,
                "--output-segmentation needs --segmentation (the label image to paint)");
        return new PaintedSegmentation(segmentation, outputSegmentation);
    }

    /// <summary>
    /// Writes the result table and, when asked, the segmentation painted with <paramref name="idColumn"/>
    /// in the input's label type. The segmentation is read and painted first, so a bad one leaves nothing written.
    /// </summary>
    public static void WriteOutputs(MeasurementTable table, string tableOutput, PaintedSegmentation? painted, string idColumn, bool force) =>
        LabelPainter.WriteWithTable(table, tableOutput, painted?.Input, painted?.Output, idColumn, force);
}
