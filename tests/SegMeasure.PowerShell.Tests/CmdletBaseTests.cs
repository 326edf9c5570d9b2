namespace SegMeasure.PowerShell.Tests;

public class CmdletBaseTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Path_takes_wildcards_from_the_pipeline()
    {
        var path = _module.GetType("SegMeasure.PowerShell.SegMeasureCmdlet").GetProperty("Path")!;
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(path));
        Assert.Equal(true, p["Mandatory"]);
        Assert.Equal(0, p["Position"]);
        Assert.Equal(true, p["ValueFromPipeline"]);
        Assert.Equal(true, p["ValueFromPipelineByPropertyName"]);
        Assert.Contains(path.GetCustomAttributesData(), a => a.AttributeType.Name == "SupportsWildcardsAttribute");
    }

    [Fact]
    public void LiteralPath_binds_FileInfo_objects_by_property_name()
    {
        var literal = _module.GetType("SegMeasure.PowerShell.SegMeasureCmdlet").GetProperty("LiteralPath")!;
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(literal));
        Assert.Equal(true, p["ValueFromPipelineByPropertyName"]);
        Assert.Equal(["PSPath", "FullName"], ModuleMetadata.Aliases(literal));
    }
}
