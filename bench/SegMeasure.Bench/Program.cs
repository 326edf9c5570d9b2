namespace SegMeasure.Bench;

/// <summary>
/// Benchmarks that run our code and a baseline side by side in the same run and print medians
/// and ratios. Usage: <c>dotnet run -c Release --project bench/SegMeasure.Bench -- MODE [options]</c>.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, (string Description, Func<string[], int> Run)> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clustering"] = ("k-means, DBSCAN, HDBSCAN on a large feature table vs scikit-learn", Clustering.ClusteringBenchmark.Run),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Modes.TryGetValue(args[0], out var mode))
        {
            Console.Error.WriteLine("usage: SegMeasure.Bench MODE [options]");
            foreach (var (name, (description, _)) in Modes) Console.Error.WriteLine($"  {name,-12} {description}");
            return 2;
        }

        return mode.Run(args[1..]);
    }
}
