using SegMeasure.Bench.Measurement;

// Benchmarks that run SegMeasure next to a baseline in the same run and print ratios.
// Usage: dotnet run -c Release --project bench/SegMeasure.Bench -- <mode> [options]
var mode = args.Length > 0 ? args[0] : "measurement";
return mode switch
{
    "measurement" => MeasurementBench.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("modes: measurement [--quick] [--no-baseline]");
    return 2;
}
