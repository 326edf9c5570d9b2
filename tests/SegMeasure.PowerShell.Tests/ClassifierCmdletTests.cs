using System.Reflection;
using SegMeasure.Core.Analysis.Classifiers;

namespace SegMeasure.PowerShell.Tests;

/// <summary>Metadata of the classifier and embedding cmdlets, read by reflection (no PowerShell runtime here).</summary>
public class ClassifierCmdletTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    private (Type Type, string Verb, string Noun) Cmdlet(string verb, string noun) =>
        Assert.Single(_module.Cmdlets(), c => c.Verb == verb && c.Noun == noun);

    private static CustomAttributeData CmdletAttribute(Type type) => type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.MemberName == name).TypedValue.Value;

    private static IReadOnlyDictionary<string, object?> Parameter(Type type, string name, string? set = null)
    {
        var property = type.GetProperty(name) ?? throw new Xunit.Sdk.XunitException($"{type.Name} has no -{name}");
        var attributes = ModuleMetadata.ParameterAttributes(property);
        return set is null ? Assert.Single(attributes) : Assert.Single(attributes, a => Equals(a.GetValueOrDefault("ParameterSetName"), set));
    }

    private static string[] ValidateSet(Type type, string name) =>
        type.GetProperty(name)!.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ValidateSetAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToArray();

    [Fact]
    public void New_SegClassifier_takes_records_and_saves_with_confirmation()
    {
        var (type, _, _) = Cmdlet("New", "SegClassifier");
        Assert.Contains("TableCmdlet", type.BaseNames());
        Assert.Equal(true, Named(CmdletAttribute(type), "SupportsShouldProcess"));
        var alias = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "AliasAttribute");
        Assert.Contains("Train-SegClassifier", ((IEnumerable<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!).Select(v => (string)v.Value!));
        var output = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "OutputTypeAttribute");
        var types = ((IEnumerable<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);
        Assert.Contains("SegMeasure.Classifier", types);
        Assert.Equal(["random_forest", "logistic_regression"], ValidateSet(type, "Method"));
        foreach (var name in new[] { "AnnotationColumn", "NEstimators", "MaxDepth", "C", "MaxIter", "Seed", "OutFile", "Force" })
            Parameter(type, name);
        Assert.Equal("SwitchParameter", type.GetProperty("Force")!.PropertyType.Name);
        Assert.Equal(true, Parameter(type, "InputObject")["ValueFromPipeline"]);
    }

    [Fact]
    public void Invoke_SegClassifier_takes_a_model_object_or_a_model_file()
    {
        var (type, _, _) = Cmdlet("Invoke", "SegClassifier");
        Assert.Contains("TableCmdlet", type.BaseNames());
        Assert.Equal("ClassifierModel", type.GetProperty("Model")!.PropertyType.Name);
        Assert.Equal(true, Parameter(type, "Model", "Model")["Mandatory"]);
        Assert.Equal(true, Parameter(type, "ModelPath", "ModelPath")["Mandatory"]);
        Assert.Equal("String[]", type.GetProperty("ClassNames")!.PropertyType.Name);
        Parameter(type, "PaintSuffix");
        Assert.Equal(true, Named(CmdletAttribute(type), "SupportsShouldProcess"));
        Assert.Equal("Model", Named(CmdletAttribute(type), "DefaultParameterSetName"));
    }

    [Fact]
    public void Add_SegEmbedding_offers_the_three_reductions()
    {
        var (type, _, _) = Cmdlet("Add", "SegEmbedding");
        Assert.Contains("TableCmdlet", type.BaseNames());
        Assert.Equal(["umap", "tsne", "pca"], ValidateSet(type, "Method"));
        foreach (var name in new[] { "Seed", "Perplexity", "NNeighbors", "MinDist" })
            Parameter(type, name);
    }
}
