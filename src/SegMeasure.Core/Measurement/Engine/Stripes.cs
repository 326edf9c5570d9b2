namespace SegMeasure.Core.Measurement.Engine;

/// <summary>
/// Splits the rows of a volume (all Z·Y rows in order) into contiguous bands that workers
/// process independently. Each band owns its own accumulators; they are merged at the end, so
/// the result does not depend on how many bands there are.
/// </summary>
internal static class Stripes
{
    /// <summary>At most one band per core (bounded), never more bands than rows.</summary>
    public static Stripe[] Split(int rowCount, int maxStripes = 0)
    {
        if (maxStripes <= 0) maxStripes = Math.Clamp(Environment.ProcessorCount, 1, 8);
        int count = Math.Max(1, Math.Min(maxStripes, rowCount));
        var stripes = new Stripe[count];
        for (int i = 0; i < count; i++)
        {
            int first = (int)((long)rowCount * i / count);
            int end = (int)((long)rowCount * (i + 1) / count);
            stripes[i] = new Stripe(i, first, end);
        }

        return stripes;
    }

    /// <summary>Runs <paramref name="body"/> for every stripe in parallel, honouring cancellation.</summary>
    public static void Run(Stripe[] stripes, CancellationToken ct, Action<Stripe> body)
    {
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = stripes.Length };
        Parallel.ForEach(stripes, options, body);
    }
}
