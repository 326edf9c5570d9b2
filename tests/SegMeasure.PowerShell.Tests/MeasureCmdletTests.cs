namespace SegMeasure.PowerShell.Tests;

/// <summary>Metadata of the measurement cmdlets, read by reflection from the built module.</summary>
public class MeasureCmdletTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    [Theory]
    [InlineData("SegMeasure.PowerShell.MeasureIntensityCommand", "Intensity", "SegMeasure.Intensity")]
    [InlineData("SegMeasure.PowerShell.MeasureMorphologyCommand", "Morphology", "SegMeasure.Morphology")]
    [InlineData("SegMeasure.PowerShell.MeasureCellNucleusCommand", "CellNucleus", "SegMeasure.CellNucleus")]
    public void Cmdlets_are_Measure_verbs_that_declare_their_record_type(string typeName, string noun, string outputType)
    {
        var (type, verb, actualNoun) = Assert.Single(_module.Cmdlets(), c => c.Type.FullName == typeName);
        Assert.Equal("Measure", verb);
        Assert.Equal(noun, actualNoun);
        Assert.Equal("SegMeasure.PowerShell.SegMeasureCmdlet", type.BaseType!.FullName);
        var output = Assert.Single(type.GetCustomAttributesData(), a => a.AttributeType.Name == "OutputTypeAttribute");
        var names = (IEnumerable<System.Reflection.CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!;
        Assert.Equal(outputType, Assert.Single(names).Value);
        var cmdlet = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Assert.Equal("Path", cmdlet.NamedArguments.Single(n => n.MemberName == "DefaultParameterSetName").TypedValue.Value);
    }

    [Theory]
    [InlineData("SegMeasure.PowerShell.MeasureIntensityCommand", "IntensityPath", true)]
    [InlineData("SegMeasure.PowerShell.MeasureCellNucleusCommand", "NucleusPath", true)]
    [InlineData("SegMeasure.PowerShell.MeasureCellNucleusCommand", "IntensityPath", false)]
    public void Paired_images_bind_by_property_name(string typeName, string property, bool mandatory)
    {
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(_module.GetType(typeName).GetProperty(property)!));
        Assert.Equal(true, p["ValueFromPipelineByPropertyName"]);
        Assert.Equal(mandatory, p.TryGetValue("Mandatory", out var m) && (bool)m!);
        Assert.False(p.ContainsKey("ValueFromPipeline"));
    }

    [Theory]
    [InlineData("SegMeasure.PowerShell.MeasureMorphologyCommand", "Scale", "System.Double[]")]
    [InlineData("SegMeasure.PowerShell.MeasureCellNucleusCommand", "Scale", "System.Double[]")]
    [InlineData("SegMeasure.PowerShell.MeasureMorphologyCommand", "PerimeterMethod", "SegMeasure.Core.Measurement.PerimeterMethod")]
    [InlineData("SegMeasure.PowerShell.MeasureCellNucleusCommand", "Assignment", "SegMeasure.Core.Measurement.NucleusAssignment")]
    [InlineData("SegMeasure.PowerShell.MeasureIntensityCommand", "IncludeSum", "System.Management.Automation.SwitchParameter")]
    [InlineData("SegMeasure.PowerShell.MeasureMorphologyCommand", "ShapeExtras", "System.Management.Automation.SwitchParameter")]
    public void Options_are_typed_parameters(string typeName, string property, string parameterType)
    {
        var p = _module.GetType(typeName).GetProperty(property)!;
        Assert.Equal(parameterType, p.PropertyType.FullName);
        Assert.Single(ModuleMetadata.ParameterAttributes(p));
    }
}
