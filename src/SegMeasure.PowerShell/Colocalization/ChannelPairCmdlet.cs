using System.Management.Automation;
using SegMeasure.Core.Tables;

namespace SegMeasure.PowerShell;

/// <summary>
/// Base for the cmdlets that compare two channels over the whole image: the piped file is
/// channel A, <c>-ImageBPath</c> pairs channel B (by property name, so delay-bind script blocks
/// pair files), and <c>-MaskPath</c> optionally restricts the pixels compared.
/// </summary>
public abstract class ChannelPairCmdlet : SegMeasureCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ImageBPath { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? MaskPath { get; set; }

    /// <summary>Does the work for one pair of resolved paths.</summary>
    protected abstract void ProcessPair(string imageA, string imageB, string? mask);

    protected sealed override void ProcessFile(string path) =>
        ProcessPair(path, ResolvePairedPath(ImageBPath), MaskPath is null ? null : ResolvePairedPath(MaskPath));

    /// <summary>Writes one record per row, with the three paths after the table's columns.</summary>
    protected void WritePairRows(MeasurementTable table, string typeName, string imageA, string imageB, string? mask) =>
        WriteRows(table, typeName, ("Path", imageA), ("ImageBPath", imageB), ("MaskPath", mask));
}
