namespace SegMeasure.PowerShell.Tests;

/// <summary>Group-ObjectByThreshold and Invoke-Clustering: names, base class and parameters mirroring the CLI.</summary>
public class AnalysisClusterCmdletTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    private IReadOnlyDictionary<string, object?> Parameter(string type, string name) =>
        Assert.Single(ModuleMetadata.ParameterAttributes(_module.GetType(type).GetProperty(name)!));

    private static IReadOnlyList<string> ValidateSet(System.Reflection.PropertyInfo property) =>
        property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ValidateSetAttribute")
            .SelectMany(a => ((IEnumerable<System.Reflection.CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!))
            .ToList();

    [Theory]
    [InlineData("SegMeasure.PowerShell.GroupObjectByThresholdCommand", "Group", "ObjectByThreshold")]
    [InlineData("SegMeasure.PowerShell.InvokeClusteringCommand", "Invoke", "Clustering")]
    public void Cmdlets_are_table_cmdlets_with_approved_verbs(string type, string verb, string noun)
    {
        var cmdlet = Assert.Single(_module.Cmdlets(), c => c.Type.FullName == type);
        Assert.Equal(verb, cmdlet.Verb);
        Assert.Equal(noun, cmdlet.Noun);
        Assert.Contains("TableCmdlet", cmdlet.Type.BaseNames());
        // Records come from the pipeline through the base class.
        Assert.Equal(true, Parameter(type, "InputObject")["ValueFromPipeline"]);
        // Painting back writes files: -WhatIf/-Confirm and -Force.
        var attribute = cmdlet.Type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Assert.Contains(attribute.NamedArguments, n => n.MemberName == "SupportsShouldProcess" && (bool)n.TypedValue.Value! == true);
        Assert.Equal("String", cmdlet.Type.GetProperty("PaintSuffix")!.PropertyType.Name);
        Assert.Equal("SwitchParameter", cmdlet.Type.GetProperty("Force")!.PropertyType.Name);
    }

    [Fact]
    public void Threshold_parameters_mirror_the_command_line()
    {
        const string type = "SegMeasure.PowerShell.GroupObjectByThresholdCommand";
        Assert.Equal(true, Parameter(type, "Column")["Mandatory"]);
        Assert.Equal(0, Parameter(type, "Column")["Position"]);
        Assert.Equal(true, Parameter(type, "Categories")["Mandatory"]);
        var t = _module.GetType(type);
        Assert.Contains("NCategories", ModuleMetadata.Aliases(t.GetProperty("Categories")!));
        Assert.Equal("Double[]", t.GetProperty("Threshold")!.PropertyType.Name);
        Assert.Equal("String[]", t.GetProperty("CategoryName")!.PropertyType.Name);
        Assert.Equal("ThresholdMethod", t.GetProperty("SuggestMethod")!.PropertyType.Name);
    }

    [Fact]
    public void Clustering_parameters_mirror_the_command_line()
    {
        const string type = "SegMeasure.PowerShell.InvokeClusteringCommand";
        var t = _module.GetType(type);
        Assert.Equal(["kmeans", "dbscan", "hdbscan", "mean_shift", "ward"], ValidateSet(t.GetProperty("Method")!));
        Assert.Contains("NClusters", ModuleMetadata.Aliases(t.GetProperty("Clusters")!));
        Assert.Contains("NInit", ModuleMetadata.Aliases(t.GetProperty("Restarts")!));
        foreach (var name in new[] { "Eps", "MinSamples", "MinClusterSize", "Bandwidth", "BinSeeding", "MinBinFrequency", "Seed" })
            Assert.NotEmpty(ModuleMetadata.ParameterAttributes(t.GetProperty(name)!));
        // An unset -MinSamples must stay distinguishable (HDBSCAN then uses the minimum cluster size).
        Assert.Equal("Nullable`1", t.GetProperty("MinSamples")!.PropertyType.Name);
    }
}
