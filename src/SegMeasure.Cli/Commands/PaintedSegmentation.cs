using System.CommandLine;
using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Commands;

/// <summary>
/// The analyze commands' <c>--segmentation</c> / <c>--output-segmentation</c> pair: the label
/// image to paint with the result ids, and where the painted copy goes; or, with
/// <c>--manifest</c>, every item of a manifest painted back from one combined table.
/// </summary>
internal sealed record PaintedSegmentation(string? Input, string? Output, Manifest? Manifest = null)
{
    /// <summary><c>--manifest</c> for an analysis command: the items the combined <c>--table</c> came from.</summary>
    public static Option<string?> ManifestOption() => new("--manifest")
    {
        Description = "Manifest of the items the combined --table was measured from (see measure --manifest): the items' features are analysed together, " +
                      "the manifest's own columns are not used as features, and --output-segmentation paints one image per item ({output}_{item}).",
    };

    /// <summary>The pair, or null when no painted output was asked for; an output without an input is an error.</summary>
    public static PaintedSegmentation? From(string? segmentation, string? outputSegmentation, string? manifest = null)
    {
        if (manifest is not null)
        {
            if (segmentation is not null)
                throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, "give either --manifest or --segmentation, not both");
            return new PaintedSegmentation(null, outputSegmentation, Manifest.Read(manifest));
        }

        if (outputSegmentation is null) return null;
        if (segmentation is null)
            throw new SegMeasureException("SegMeasure.MissingSegmentation", ErrorKind.InvalidArgument,
                "--output-segmentation needs --segmentation (the label image to paint)");
        return new PaintedSegmentation(segmentation, outputSegmentation);
    }

    /// <summary>The features to analyse: with a manifest, the table without the manifest's item columns.</summary>
    public static MeasurementTable FeaturesOf(PaintedSegmentation? painted, MeasurementTable input) =>
        painted?.Manifest is { } manifest ? ManifestPainting.FeaturesOnly(input, manifest) : input;

    /// <summary>The result with the item columns <see cref="FeaturesOf"/> set aside put back.</summary>
    public static MeasurementTable Restore(PaintedSegmentation? painted, MeasurementTable result, MeasurementTable input) =>
        painted?.Manifest is not null ? ManifestPainting.Restore(result, input) : result;

    /// <summary>
    /// Writes the result table and, when asked, the segmentation painted with <paramref name="idColumn"/>
    /// in the input's label type (one per manifest item). The segmentations are read and painted first, so a bad one leaves nothing written.
    /// </summary>
    public static void WriteOutputs(MeasurementTable table, string tableOutput, PaintedSegmentation? painted, string idColumn, bool force)
    {
        if (painted?.Manifest is { } manifest) ManifestPainting.WriteWithTable(table, tableOutput, manifest, painted.Output, idColumn, force);
        else LabelPainter.WriteWithTable(table, tableOutput, painted?.Input, painted?.Output, idColumn, force);
    }
}
