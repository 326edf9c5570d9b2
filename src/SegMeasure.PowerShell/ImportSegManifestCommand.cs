using System.Management.Automation;
using SegMeasure.Core.Batch;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Reads a manifest (CSV, TSV, XLSX, Parquet or JSON) as one item per row, ready to pipe into the measure and post-processing cmdlets.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SegManifest", DefaultParameterSetName = PathSet)]
[OutputType(ManifestItemRecord.TypeName)]
public sealed class ImportSegManifestCommand : SegMeasureCmdlet
{
    protected override string Activity => "Reading manifests";

    protected override void ProcessFile(string path)
    {
        var manifest = Manifest.Read(path);
        for (int item = 0; item < manifest.Count; item++) WriteObject(ManifestItemRecord.From(manifest, item));
    }
}
