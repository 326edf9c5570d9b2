using System.Management.Automation;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// Base for table cmdlets whose result is a per-segment id (category, cluster, class) that can
/// be painted back: <c>-PaintSuffix</c> writes, beside each record's source segmentation (its
/// Path), a label image carrying the ids; <c>-Force</c> overwrites; <c>-WhatIf</c> is honoured.
/// Derived classes must declare <c>SupportsShouldProcess = true</c> on their [Cmdlet] attribute.
/// </summary>
public abstract class PaintingTableCmdlet : TableCmdlet
{
    /// <summary>Also write, beside each record's source segmentation (its Path), a label image
    /// where every segment carries its id (0 for none), named with this suffix (e.g. _cluster).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PaintSuffix { get; set; }

    /// <summary>Overwrite existing painted images.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Paints <paramref name="idColumn"/> when -PaintSuffix was given; one error per source that fails.</summary>
    protected void PaintIfRequested(MeasurementTable table, string idColumn)
    {
        if (PaintSuffix is null) return;
        foreach (var outcome in SourcePainting.PaintBySource(table, idColumn, PaintSuffix, Force, output => ShouldProcess(output, $"Paint {idColumn}")))
            if (outcome.Error is { } error) WriteError(ErrorRecords.From(error, outcome.Source));
    }
}
