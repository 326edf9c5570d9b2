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

/// <summary>What every cmdlet inherits from the shared bases: Ctrl+C handling, relayed progress, writer switches.</summary>
public class CmdletBaseContractTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void One_shared_base_stops_on_ctrl_c_and_offers_progress_relaying_core_calls()
    {
        var type = _module.GetType("SegMeasure.PowerShell.CoreCmdlet");
        var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly;
        Assert.NotNull(type.GetMethod("StopProcessing", flags));
        var run = type.GetMethod("Run", flags);
        Assert.NotNull(run);
        Assert.True(run!.IsFamily, "Run is for derived cmdlets");
        Assert.Equal("CancellationToken", type.GetProperty("StoppingToken", flags)!.PropertyType.Name);
    }

    [Theory]
    [InlineData("SegMeasure.PowerShell.SegMeasureCmdlet")]
    [InlineData("SegMeasure.PowerShell.TableCmdlet")]
    public void File_and_table_bases_share_the_core_plumbing(string baseName) =>
        Assert.Equal("CoreCmdlet", _module.GetType(baseName).BaseType!.Name);

    [Fact]
    public void Writer_base_offers_OutputPath_Suffix_and_Force_in_every_set()
    {
        var type = _module.GetType("SegMeasure.PowerShell.SegMeasureWriterCmdlet");
        foreach (var (name, typeName) in new[] { ("OutputPath", "String"), ("Suffix", "String"), ("Force", "SwitchParameter") })
        {
            var property = type.GetProperty(name)!;
            Assert.Equal(typeName, property.PropertyType.Name);
            var p = Assert.Single(ModuleMetadata.ParameterAttributes(property));
            Assert.False(p.ContainsKey("ParameterSetName"), $"-{name} belongs to every parameter set");
            Assert.False(p.GetValueOrDefault("Mandatory") as bool? ?? false);
        }
    }

    [Fact]
    public void Table_base_takes_objects_from_the_pipeline()
    {
        var input = _module.GetType("SegMeasure.PowerShell.TableCmdlet").GetProperty("InputObject")!;
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(input));
        Assert.Equal(true, p["ValueFromPipeline"]);
        Assert.Equal(true, p["Mandatory"]);
        Assert.Equal("PSObject[]", input.PropertyType.Name);
    }
}
