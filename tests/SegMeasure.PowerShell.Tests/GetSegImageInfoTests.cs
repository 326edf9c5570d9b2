namespace SegMeasure.PowerShell.Tests;

/// <summary>Get-SegImageInfo's metadata as PowerShell will see it, read from the compiled module.</summary>
public class GetSegImageInfoTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    private Type Cmdlet => _module.GetType("SegMeasure.PowerShell.GetSegImageInfoCommand");

    [Fact]
    public void Is_named_Get_SegImageInfo()
    {
        var (_, verb, noun) = Assert.Single(_module.Cmdlets(), c => c.Type.Name == "GetSegImageInfoCommand");
        Assert.Equal("Get", verb);
        Assert.Equal("SegImageInfo", noun);
    }

    [Fact]
    public void Derives_from_the_shared_file_cmdlet_so_it_takes_files_from_the_pipeline()
    {
        Assert.Equal("SegMeasure.PowerShell.SegMeasureCmdlet", Cmdlet.BaseType!.FullName);
        var literal = Cmdlet.GetProperty("LiteralPath")!;
        Assert.Equal(true, Assert.Single(ModuleMetadata.ParameterAttributes(literal))["ValueFromPipelineByPropertyName"]);
        Assert.Contains("FullName", ModuleMetadata.Aliases(literal));
    }

    [Fact]
    public void Declares_its_output_type()
    {
        var outputType = Assert.Single(Cmdlet.GetCustomAttributesData(), a => a.AttributeType.Name == "OutputTypeAttribute");
        var names = ((IEnumerable<System.Reflection.CustomAttributeTypedArgument>)outputType.ConstructorArguments[0].Value!).Select(v => v.Value);
        Assert.Contains("SegMeasure.ImageInfo", names);
    }

    [Fact]
    public void Default_parameter_set_is_Path()
    {
        var cmdlet = Cmdlet.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Assert.Equal("Path", cmdlet.NamedArguments.Single(n => n.MemberName == "DefaultParameterSetName").TypedValue.Value);
    }

    [Fact]
    public void Adds_no_parameters_of_its_own()
    {
        var declared = Cmdlet.GetProperties().Where(p => p.DeclaringType == Cmdlet && ModuleMetadata.ParameterAttributes(p).Count > 0);
        Assert.Empty(declared);
    }
}
