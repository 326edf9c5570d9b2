using System.Reflection;

namespace SegMeasure.PowerShell.Tests;

public class TableCmdletsTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    private static CustomAttributeData Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Single(a => a.AttributeType.Name == name);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.SingleOrDefault(n => n.MemberName == name).TypedValue.Value;

    [Theory]
    [InlineData("Export", "SegTable", "SegMeasure.PowerShell.ExportSegTableCommand")]
    [InlineData("Import", "SegTable", "SegMeasure.PowerShell.ImportSegTableCommand")]
    [InlineData("Merge", "SegTable", "SegMeasure.PowerShell.MergeSegTableCommand")]
    public void Table_cmdlets_use_approved_verbs_and_the_module_noun(string verb, string noun, string type)
    {
        Assert.Contains(_module.Cmdlets(), c => c.Verb == verb && c.Noun == noun && c.Type.FullName == type);
    }

    [Fact]
    public void Export_writes_one_file_from_piped_records_with_WhatIf_and_Force()
    {
        var type = _module.GetType("SegMeasure.PowerShell.ExportSegTableCommand");
        Assert.Equal(true, Named(Attribute(type, "CmdletAttribute"), "SupportsShouldProcess"));

        var path = ModuleMetadata.ParameterAttributes(type.GetProperty("Path")!).Single();
        Assert.Equal(true, path["Mandatory"]);
        Assert.Equal(0, path["Position"]);
        Assert.False(path.ContainsKey("ValueFromPipeline")); // the pipeline carries records, not file names

        var input = ModuleMetadata.ParameterAttributes(type.GetProperty("InputObject")!).Single();
        Assert.Equal(true, input["ValueFromPipeline"]);
        Assert.Equal("PSObject[]", type.GetProperty("InputObject")!.PropertyType.Name);

        Assert.Equal("SwitchParameter", type.GetProperty("Force")!.PropertyType.Name);
        Assert.Equal("SwitchParameter", type.GetProperty("PassThru")!.PropertyType.Name);
        var output = Attribute(type, "OutputTypeAttribute");
        Assert.Contains("FileInfo", output.ConstructorArguments[0].ToString());
    }

    [Fact]
    public void Import_takes_files_from_the_pipeline_and_emits_table_rows()
    {
        var type = _module.GetType("SegMeasure.PowerShell.ImportSegTableCommand");
        Assert.Equal("SegMeasureCmdlet", type.BaseType!.Name); // -Path with wildcards, -LiteralPath from Get-ChildItem, one error per bad file
        Assert.Contains("SegMeasure.TableRow", Attribute(type, "OutputTypeAttribute").ConstructorArguments[0].ToString());
        Assert.Equal("Path", Named(Attribute(type, "CmdletAttribute"), "DefaultParameterSetName"));
    }

    [Fact]
    public void Merge_takes_several_files_a_key_and_columns_to_drop()
    {
        var type = _module.GetType("SegMeasure.PowerShell.MergeSegTableCommand");
        var path = type.GetProperty("Path")!;
        var p = ModuleMetadata.ParameterAttributes(path).Single();
        Assert.Equal(true, p["Mandatory"]);
        Assert.Equal(0, p["Position"]);
        Assert.Equal(true, p["ValueFromPipeline"]);
        Assert.Equal("String[]", path.PropertyType.Name);
        Assert.Contains(path.GetCustomAttributesData(), a => a.AttributeType.Name == "SupportsWildcardsAttribute");

        var literal = type.GetProperty("LiteralPath")!;
        Assert.Equal(["PSPath", "FullName"], ModuleMetadata.Aliases(literal));
        Assert.Equal(true, ModuleMetadata.ParameterAttributes(literal).Single()["ValueFromPipelineByPropertyName"]);

        Assert.Equal("String", type.GetProperty("On")!.PropertyType.Name);
        Assert.Single(ModuleMetadata.ParameterAttributes(type.GetProperty("On")!));
        var drop = type.GetProperty("DropColumn")!;
        Assert.Equal("String[]", drop.PropertyType.Name);
        Assert.Equal(["DropColumns"], ModuleMetadata.Aliases(drop));
        Assert.Contains("SegMeasure.TableRow", Attribute(type, "OutputTypeAttribute").ConstructorArguments[0].ToString());
    }
}
