using System.Management.Automation;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Sorts measurement records into named categories by thresholds on one property.</para>
/// </summary>
[Cmdlet(VerbsData.Group, "ObjectByThreshold", SupportsShouldProcess = true)]
[OutputType(typeof(PSObject))]
public sealed class GroupObjectByThresholdCommand : PaintingTableCmdlet
{
    /// <summary>The numeric property to threshold.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Column { get; set; } = "";

    /// <summary>Number of categories (at least 2).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("NCategories")]
    [ValidateRange(2, int.MaxValue)]
    public int Categories { get; set; }

    /// <summary>Categories − 1 thresholds, in any order; suggested from the data when omitted.</summary>
    [Parameter]
    public double[]? Threshold { get; set; }

    /// <summary>One name per category; category_1, category_2, … when omitted.</summary>
    [Parameter]
    [Alias("CategoryNames")]
    public string[]? CategoryName { get; set; }

    /// <summary>How thresholds are suggested when none are given: Quantiles (default) or Otsu.</summary>
    [Parameter]
    public ThresholdMethod SuggestMethod { get; set; } = ThresholdMethod.Quantiles;

    /// <summary>Histogram bins for Otsu suggestions.</summary>
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
