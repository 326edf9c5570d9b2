namespace SegMeasure.Bench.Measurement;

/// <summary>The <c>measurement</c> mode.</summary>
public sealed class MeasurementBenchmark : IBenchmark
{
    public string Name => "measurement";

    public string Description => "intensity, morphology 2D/3D and cell-nucleus vs the scikit-image reference [--quick] [--no-baseline] [--runs N]";

    public int Run(string[] args) => MeasurementBench.Run(args);
}
