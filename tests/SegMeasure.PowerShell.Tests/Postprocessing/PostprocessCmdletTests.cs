using System.Reflection;

namespace SegMeasure.PowerShell.Tests.Postprocessing;

public class PostprocessCmdletTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    public static TheoryData<string, string, string, string> Cmdlets => new()
    {
        { "RemoveSmallSegmentCommand", "Remove", "SmallSegment", "SegMeasure.PostprocessResult" },
        { "RemoveSmallHoleCommand", "Remove", "SmallHole", "SegMeasure.PostprocessResult" },
        { "InvokeRingMaskCommand", "Invoke", "RingMask", "SegMeasure.PostprocessResult" },
        { "InvokeWatershedCommand", "Invoke", "Watershed", "SegMeasure.PostprocessResult" },
        { "InvokeShapeFilterCommand", "Invoke", "ShapeFilter", "SegMeasure.ShapeFilterResult" },
        { "InvokeMaskMatchingCommand", "Invoke", "MaskMatching", "SegMeasure.MaskMatchingResult" },
    };

    private Type Cmdlet(string name) => _module.GetType("SegMeasure.PowerShell.Postprocessing." + name);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Is_a_writer_with_WhatIf_and_the_requested_name(string type, string verb, string noun, string outputType)
    {
        var t = Cmdlet(type);
        var cmdlet = t.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Assert.Equal(verb, cmdlet.ConstructorArguments[0].Value);
        Assert.Equal(noun, cmdlet.ConstructorArguments[1].Value);
        var named = cmdlet.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);
        Assert.Equal(true, named["SupportsShouldProcess"]);
        Assert.Equal("Path", named["DefaultParameterSetName"]);
        Assert.Equal("SegMeasureWriterCmdlet", t.BaseType!.Name);
        var output = t.GetCustomAttributesData().Single(a => a.AttributeType.Name == "OutputTypeAttribute");
        Assert.Equal(outputType, ((IEnumerable<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!).Single().Value);
        // -Force and -OutputPath come from the writer base.
        Assert.NotNull(t.GetProperty("Force"));
        Assert.NotNull(t.GetProperty("OutputPath"));
    }

    [Theory]
    [InlineData("RemoveSmallSegmentCommand", "MinSize")]
    [InlineData("RemoveSmallHoleCommand", "MaxHoleSize")]
    [InlineData("InvokeWatershedCommand", "HeatmapPath")]
    [InlineData("InvokeMaskMatchingCommand", "CytosolPath")]
    public void Required_parameters_are_mandatory(string type, string parameter)
    {
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(Cmdlet(type).GetProperty(parameter)!));
        Assert.Equal(true, p["Mandatory"]);
    }

    [Theory]
    [InlineData("InvokeWatershedCommand", "HeatmapPath")]
    [InlineData("InvokeWatershedCommand", "MaskPath")]
    [InlineData("InvokeShapeFilterCommand", "FeaturePath")]
    [InlineData("InvokeMaskMatchingCommand", "CytosolPath")]
    public void Paired_inputs_bind_by_property_name(string type, string parameter)
    {
        var p = Assert.Single(ModuleMetadata.ParameterAttributes(Cmdlet(type).GetProperty(parameter)!));
        Assert.Equal(true, p["ValueFromPipelineByPropertyName"]);
    }

    [Fact]
    public void Ring_mask_offers_width_nearest_distance_scale_and_remove_original()
    {
        var t = Cmdlet("InvokeRingMaskCommand");
        foreach (var name in new[] { "RingWidth", "NearestDistance", "Scale", "RemoveOriginal" })
            Assert.Single(ModuleMetadata.ParameterAttributes(t.GetProperty(name)!));
        Assert.Equal("SwitchParameter", t.GetProperty("RemoveOriginal")!.PropertyType.Name);
    }

    [Fact]
    public void Shape_filter_exposes_every_criterion_of_the_definition()
    {
        var t = Cmdlet("InvokeShapeFilterCommand");
        string[] criteria =
        [
            "MinArea", "MinAbsoluteArea", "MaxArea", "MaxEccentricity", "MinSolidity", "MaxSolidity", "MinExtent",
            "MaxExtent", "MinCompactness", "MaxConvexityDeficit", "MaxPerimeterAreaRatio", "AreaStdFilter",
        ];
        foreach (var name in criteria)
            Assert.Single(ModuleMetadata.ParameterAttributes(t.GetProperty(name)!));
    }
}
