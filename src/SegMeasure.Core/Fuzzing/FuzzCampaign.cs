using System.Diagnostics;

namespace SegMeasure.Core.Fuzzing;

/// <summary>One mutant that broke a rule: an untyped exception, an error not naming the file, too slow or too greedy.</summary>
internal sealed record FuzzFinding(int Iteration, string Source, string Problem);

/// <summary>What a campaign saw: how mutants ended and the worst cost of one read.</summary>
internal sealed record FuzzReport(int Iterations, int Read, int Refused, IReadOnlyList<FuzzFinding> Findings, double SlowestMilliseconds, long MostAllocatedBytes)
{
    public override string ToString() =>
        $"{Iterations} mutants: {Read} read, {Refused} refused with a typed error, {Findings.Count} findings; slowest {SlowestMilliseconds:F1} ms, most allocated {MostAllocatedBytes / 1e6:F1} MB";
}

/// <summary>
/// A seeded mutation fuzz loop: each iteration mutates one source (a file, or one file of a Zarr
/// folder), reads the mutant and checks the rules every reader keeps: it either reads, or fails
/// with a <see cref="SegMeasureException"/> whose message names the mutant's path; within a time
/// and allocation bound. Allocation is counted on the reading thread.
/// </summary>
internal sealed class FuzzCampaign
{
    private readonly IReadOnlyList<string> _sources;
    private readonly Func<string, ByteMutator, Random, string> _makeMutant;
    private readonly Action<string> _read;

    /// <param name="sources">Files or folders to mutate.</param>
    /// <param name="makeMutant">Writes a mutant of a source into the work folder and returns its path (the same path may be reused).</param>
    /// <param name="read">Reads a mutant completely, as a user's command would.</param>
    public FuzzCampaign(IReadOnlyList<string> sources, Func<string, ByteMutator, Random, string> makeMutant, Action<string> read)
    {
        if (sources.Count == 0) throw new ArgumentException("no sources to mutate", nameof(sources));
        _sources = sources;
        _makeMutant = makeMutant;
        _read = read;
    }

    public long AllocationLimitBytes { get; init; } = 256L << 20;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(1);

    public FuzzReport Run(int seed, int iterations, CancellationToken cancellationToken = default)
    {
        var mutator = new ByteMutator(seed);
        var random = new Random(seed ^ 0x5EED);
        var findings = new List<FuzzFinding>();
        int read = 0, refused = 0;
        double slowest = 0;
        long mostAllocated = 0;
        for (int i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = _sources[random.Next(_sources.Count)];
            var mutant = _makeMutant(source, mutator, random);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            string? problem = null;
            try
            {
                _read(mutant);
                read++;
            }
            catch (SegMeasureException e) when (e.Message.Contains(mutant, StringComparison.Ordinal))
            {
                refused++;
            }
            catch (SegMeasureException e)
            {
                problem = $"typed error that does not name the file: {e.Message}";
            }
            catch (Exception e)
            {
                problem = $"untyped {e.GetType().FullName}: {e.Message}";
            }

            clock.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            slowest = Math.Max(slowest, clock.Elapsed.TotalMilliseconds);
            mostAllocated = Math.Max(mostAllocated, allocated);
            if (problem is null && clock.Elapsed > TimeLimit) problem = $"took {clock.Elapsed.TotalMilliseconds:F0} ms";
            if (problem is null && allocated > AllocationLimitBytes) problem = $"allocated {allocated / 1e6:F0} MB";
            if (problem is not null) findings.Add(new FuzzFinding(i, source, problem));
        }

        return new FuzzReport(iterations, read, refused, findings, slowest, mostAllocated);
    }

    /// <summary>The usual mutant maker (the campaign's <c>makeMutant</c>) for single-file formats: the mutated bytes under the source's file name in <paramref name="workDirectory"/>.</summary>
    public static Func<string, ByteMutator, Random, string> FileMutants(string workDirectory) => (source, mutator, _) =>
    {
        var path = Path.Combine(workDirectory, "mutant-" + Path.GetFileName(source));
        File.WriteAllBytes(path, mutator.Mutate(File.ReadAllBytes(source)));
        return path;
    };

    /// <summary>
    /// The mutant maker (the campaign's <c>makeMutant</c>) for folder formats such as Zarr: a copy of the source
    /// folder in <paramref name="workDirectory"/> with one of its files (metadata or chunk) mutated.
    /// </summary>
    public static Func<string, ByteMutator, Random, string> FolderMutants(string workDirectory) => (source, mutator, random) =>
    {
        var target = Path.Combine(workDirectory, "mutant-" + Path.GetFileName(Path.TrimEndingDirectorySeparator(source)));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var victim = files[random.Next(files.Count)];
        foreach (var file in files)
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (file == victim) File.WriteAllBytes(copy, mutator.Mutate(File.ReadAllBytes(file)));
            else File.Copy(file, copy);
        }

        return target;
    };
}
