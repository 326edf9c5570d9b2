using System.Management.Automation;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Sorts measurement records into named categories by thresholds on one property.</para>
/// <para type="description">Collects the piped records (from any Measure-* cmdlet or Import-Csv), splits the
/// values of -Column at the given thresholds — or at suggested ones (equally spaced percentiles, or Otsu with
/// -SuggestMethod Otsu) — and emits the records with category_id (1-based; 0 when the value is missing) and
/// category_name added. A value equal to a threshold belongs to the category above. Same as
/// <c>segmeasure analyze threshold</c>.</para>
/// </summary>
[Cmdlet(VerbsData.Group, "ObjectByThreshold", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject))]
public sealed class GroupObjectByThresholdCommand : PaintingTableCmdlet
{
    /// <summary><para type="description">The numeric property to threshold.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Column { get; set; } = "";

    /// <summary><para type="description">Number of categories (at least 2).</para></summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("NCategories")]
    [ValidateRange(2, int.MaxValue)]
    public int Categories { get; set; }

    /// <summary><para type="description">Categories − 1 thresholds, in any order; suggested from the data when omitted.</para></summary>
    [Parameter]
    public double[]? Threshold { get; set; }

    /// <summary><para type="description">One name per category; category_1, category_2, … when omitted.</para></summary>
    [Parameter]
    [Alias("CategoryNames")]
    public string[]? CategoryName { get; set; }

    /// <summary><para type="description">How thresholds are suggested when none are given: Quantiles (default) or Otsu.</para></summary>
    [Parameter]
    public ThresholdMethod SuggestMethod { get; set; } = ThresholdMethod.Quantiles;

    /// <summary><para type="description">Histogram bins for Otsu suggestions.</para></summary>
    [Parameter]
    [ValidateRange(2, 65536)]
    public int Bins { get; set; } = ThresholdSuggestion.DefaultBins;

    protected override MeasurementTable Process(MeasurementTable table)
    {
        var result = ThresholdCategorization.Apply(table, Column, Categories, Threshold, CategoryName, SuggestMethod, Bins).Table;
        PaintIfRequested(result, ThresholdCategorization.IdColumn);
        return result;
    }

}
