using System.Management.Automation;
using SegMeasure.Core.Images;

namespace SegMeasure.PowerShell;

/// <summary>
/// <para type="synopsis">Describes image files: shape, axes, sample type, voxel size, number of labels and pixel checksum.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SegImageInfo", DefaultParameterSetName = PathSet)]
[OutputType("SegMeasure.ImageInfo")]
public sealed class GetSegImageInfoCommand : SegMeasureCmdlet
{
    protected override string Activity => "Reading image information";

    protected override void ProcessFile(string path)
    {
        var record = PSObject.AsPSObject(ImageInfo.Read(path));
        record.TypeNames.Insert(0, "SegMeasure.ImageInfo");
        WriteObject(record);
    }
}
