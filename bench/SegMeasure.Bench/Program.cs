using SegMeasure.Bench.Measurement;
using SegMeasure.Bench.Postprocessing;

// Benchmarks that run SegMeasure next to a baseline in the same run and print ratios.
// Usage: dotnet run -c Release --project bench/SegMeasure.Bench -- <mode> [options]
var mode = args.Length > 0 ? args[0] : "measurement";
return mode switch
{
    "measurement" => MeasurementBench.Run(args.Skip(1).ToArray()),
    "postprocessing" => PostprocessingBench.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("modes: measurement | postprocessing, each [--quick] [--no-baseline]");
    return 2;
}
