namespace SegMeasure.Cli.Tests.Aot;

/// <summary>
/// A test of the native AOT binary that releases ship. tests/run.sh publishes it once
/// (`dotnet publish src/SegMeasure.Cli -r linux-x64`, a few minutes) and points SEGMEASURE_AOT at it;
/// without that variable these tests are skipped, saying so.
/// </summary>
public sealed class AotFactAttribute : FactAttribute
{
    public const string Variable = "SEGMEASURE_AOT";

    public AotFactAttribute()
    {
        var binary = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(binary))
            Skip = $"{Variable} is not set: tests/run.sh publishes the native AOT binary and sets it";
    }

    public static string Binary => Environment.GetEnvironmentVariable(Variable)!;
}
