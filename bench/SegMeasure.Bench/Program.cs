using SegMeasure.Bench.Classifiers;

// Benchmarks that run SegMeasure next to a baseline in the same run and print ratios.
// Usage: dotnet run -c Release --project bench/SegMeasure.Bench -- <mode> [options]
var mode = args.Length > 0 ? args[0] : "random-forest";
return mode switch
{
    "random-forest" => RandomForestBench.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("modes: random-forest [--rows N] [--features N] [--trees N] [--repeats N]");
    return 2;
}
