namespace SegMeasure.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public void Unknown_command_fails_with_a_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SegMeasureApp.Run(["no-such-command"], output, error);
        Assert.NotEqual(0, code);
        Assert.Contains("no-such-command", error.ToString());
    }

    [Fact]
    public void Help_lists_the_program()
    {
        var output = new StringWriter();
        var code = SegMeasureApp.Run(["--help"], output, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("segmentation", output.ToString());
    }
}
