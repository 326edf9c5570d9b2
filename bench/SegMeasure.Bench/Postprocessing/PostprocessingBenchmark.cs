namespace SegMeasure.Bench.Postprocessing;

/// <summary>The <c>postprocessing</c> mode.</summary>
public sealed class PostprocessingBenchmark : IBenchmark
{
    public string Name => "postprocessing";

    public string Description => "small segments, holes, rings, watershed vs the reference's per-label code [--quick] [--no-baseline]";

    public int Run(string[] args) => PostprocessingBench.Run(args);
}
