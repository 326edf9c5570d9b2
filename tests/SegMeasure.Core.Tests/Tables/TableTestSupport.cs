using System.Diagnostics;

namespace SegMeasure.Core.Tests.Tables;

/// <summary>Locations and independent tools the table tests compare against.</summary>
internal static class TableTestSupport
{
    /// <summary>The repository root: the folder holding SegMeasure.PowerShell.sln above the test assembly.</summary>
    public static string RepoRoot => TestData.RepositoryRoot;

    public static string Reference(string name) => Path.Combine(RepoRoot, "tests", "reference", "tables", name);

    public const string Python = "/usr/bin/python3";

    /// <summary>True when Debian's Python with pandas is installed.</summary>
    public static bool HasPandas => File.Exists(Python) && Run(Python, ["-c", "import pandas"], out _, out _) == 0;

    public static string? Soffice => new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists);

    /// <summary>Runs a program and returns its exit code; output and error are captured.</summary>
    public static int Run(string program, IEnumerable<string> args, out string output, out string error, string? workingDirectory = null, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeoutMs} ms");
        }

        output = stdout.Result;
        error = stderr.Result;
        return process.ExitCode;
    }

    /// <summary>
    /// Converts an XLSX file to UTF-8 CSV with LibreOffice headless, using a private profile so
    /// parallel runs do not clash. Returns the CSV path, or null when LibreOffice is absent.
    /// </summary>
    public static string? ConvertWithLibreOffice(string xlsxPath, string outputDirectory)
    {
        if (Soffice is not { } soffice) return null;
        var profile = Directory.CreateTempSubdirectory("segmeasure-lo-profile-").FullName;
        try
        {
            var code = Run(soffice, [$"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outputDirectory, xlsxPath], out var output, out var error);
            var csv = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(xlsxPath) + ".csv");
            if (code != 0 || !File.Exists(csv)) throw new InvalidOperationException($"LibreOffice failed ({code}): {output} {error}");
            return csv;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
