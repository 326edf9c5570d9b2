namespace SegMeasure.ModuleBuilder;

/// <summary>
/// Build step of the module folder, run by MSBuild after SegMeasure.dll is compiled:
/// <c>manifest</c> stamps the build version into the top-level SegMeasure.psd1;
/// <c>help</c> writes SegMeasure.dll-Help.xml from module/help/*.md and the cmdlets' metadata.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args.Skip(1));
            switch (args.FirstOrDefault())
            {
                case "manifest":
                    ManifestWriter.Write(options.Require("source"), options.Require("version"), options.Require("output"));
                    return 0;
                case "help":
                    var cmdlets = CmdletReader.Read(options.Require("assembly"), options.Require("automation"));
                    var sources = HelpSource.ReadDirectory(options.Require("help-dir"));
                    var warnings = MamlWriter.Write(cmdlets, sources, options.Require("output"));
                    // MSBuild shows lines in this form as build warnings; missing help fails the module tests, not the build.
                    foreach (var warning in warnings)
                        Console.WriteLine($"{sources.Directory}: warning SMHELP: {warning}");
                    return 0;
                default:
                    Console.Error.WriteLine("usage: SegMeasure.ModuleBuilder manifest --source F --version V --output F");
                    Console.Error.WriteLine("       SegMeasure.ModuleBuilder help --assembly F --automation F --help-dir D --output F");
                    return 2;
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException or BadImageFormatException)
        {
            Console.Error.WriteLine($"SegMeasure.ModuleBuilder: error: {e.Message}");
            return 1;
        }
    }

    private sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(IEnumerable<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string? key = null;
            foreach (var arg in args)
            {
                if (arg.StartsWith("--", StringComparison.Ordinal)) key = arg[2..];
                else if (key is not null) { values[key] = arg; key = null; }
                else throw new ArgumentException($"unexpected argument '{arg}'");
            }

            return new Options(values);
        }

        public string Require(string name) =>
            values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing --{name}");
    }
}
