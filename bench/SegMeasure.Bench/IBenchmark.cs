namespace SegMeasure.Bench;

/// <summary>One benchmark mode: runs our code and a baseline in the same process run and prints medians and ratios.</summary>
public interface IBenchmark
{
    /// <summary>The mode name given on the command line, e.g. <c>tiff-read</c>.</summary>
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}
