using SegMeasure.ModuleBuilder;

namespace SegMeasure.PowerShell.Tests.Build;

public class ManifestWriterTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("0.4.0-beta.2", "0.4.0")]
    [InlineData("2.0.1+abc", "2.0.1")]
    public void Stamps_the_build_version_into_ModuleVersion_only(string version, string expected)
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var source = Path.Combine(dir.FullName, "in.psd1");
            var output = Path.Combine(dir.FullName, "out", "SegMeasure.psd1");
            File.WriteAllText(source, "@{\n    RootModule = 'SegMeasure.dll'\n    ModuleVersion = '0.0.0'\n    PowerShellVersion = '7.4'\n}\n");
            ManifestWriter.Write(source, version, output);
            var manifest = ModuleManifest.Load(output);
            Assert.Equal(expected, manifest.String("ModuleVersion"));
            Assert.Equal("7.4", manifest.String("PowerShellVersion"));
            Assert.Equal("SegMeasure.dll", manifest.String("RootModule"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_source_without_ModuleVersion_is_rejected()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var source = Path.Combine(dir.FullName, "in.psd1");
            File.WriteAllText(source, "@{ RootModule = 'SegMeasure.dll' }");
            Assert.Throws<FormatException>(() => ManifestWriter.Write(source, "1.0.0", Path.Combine(dir.FullName, "out.psd1")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
