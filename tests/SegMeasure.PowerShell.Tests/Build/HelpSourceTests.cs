using SegMeasure.ModuleBuilder;

namespace SegMeasure.PowerShell.Tests.Build;

public class HelpSourceTests
{
    private const string Source = """
        # Measure-Thing

        ## SYNOPSIS
        Measures things.

        ## DESCRIPTION
        First paragraph
        continues here.

        Second paragraph.

        ## PARAMETERS

        ### -Size
        How big.

        Default: 3

        ### -Path
        Own text for Path.

        ## EXAMPLES

        ### Example 1: Basic
        ```powershell
        # a comment, not a heading
        Measure-Thing a.tif
        ```
        Measures a.tif.

        ## OUTPUTS

        ### SegMeasure.Thing
        One per thing.

        ## RELATED LINKS
        - about_SegMeasure
        """;

    [Fact]
    public void Sections_paragraphs_parameters_and_examples_are_read()
    {
        var help = CmdletHelp.Parse(Source, "Measure-Thing.md");
        Assert.Equal("Measure-Thing", help.Name);
        Assert.Equal(["Measures things."], help.Synopsis);
        Assert.Equal(["First paragraph continues here.", "Second paragraph."], help.Description);
        Assert.Equal(["How big."], help.Parameters["Size"]);
        Assert.Equal("3", help.Defaults["Size"]);
        var example = Assert.Single(help.Examples);
        Assert.Equal("Example 1: Basic", example.Title);
        Assert.Equal("# a comment, not a heading\nMeasure-Thing a.tif", example.Code);
        Assert.Equal(["Measures a.tif."], example.Remarks);
        Assert.Equal("SegMeasure.Thing", Assert.Single(help.Outputs).TypeName);
        Assert.Equal(["about_SegMeasure"], help.RelatedLinks);
    }

    [Fact]
    public void A_source_without_a_name_heading_is_rejected() =>
        Assert.Throws<FormatException>(() => CmdletHelp.Parse("## SYNOPSIS\nx\n", "broken.md"));

    [Fact]
    public void Shared_parameter_text_applies_unless_the_cmdlet_has_its_own()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "Measure-Thing.md"), Source);
            File.WriteAllText(Path.Combine(dir.FullName, HelpSource.CommonFileName), "# CommonParameters\n## PARAMETERS\n### -Path\nShared Path.\n### -Force\nShared Force.\n\nDefault: False\n");
            var sources = HelpSource.ReadDirectory(dir.FullName);
            var thing = sources.Cmdlets["Measure-Thing"];
            Assert.Equal(["Own text for Path."], sources.ParameterText(thing, "Path"));
            Assert.Equal(["Shared Force."], sources.ParameterText(thing, "Force"));
            Assert.Empty(sources.ParameterText(thing, "Missing"));
            Assert.Equal("3", sources.ParameterDefault(thing, "Size"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
