namespace SegMeasure.Core.Streaming;

/// <summary>
/// Bands computed once and shared by the parallel strip requests of a writer, which ask for
/// consecutive strips: a band is computed by the first request for it (others wait for it), and
/// bands far behind the newest one are dropped, so memory stays a few bands.
/// </summary>
internal sealed class BandCache<T> where T : class
{
    /// <summary>Bands kept behind the newest requested one: the writer's batch spans a few strips per core.</summary>
    private readonly int _keep = 2 * Math.Max(2, Environment.ProcessorCount);

    private readonly Dictionary<int, Lazy<T>> _bands = [];
    private readonly object _gate = new();

    public T Get(int band, Func<int, T> compute)
    {
        Lazy<T> entry;
        lock (_gate)
        {
            if (!_bands.TryGetValue(band, out entry!))
            {
                entry = new Lazy<T>(() => compute(band), LazyThreadSafetyMode.ExecutionAndPublication);
                _bands[band] = entry;
                foreach (var old in _bands.Keys.Where(k => k < band - _keep).ToList()) _bands.Remove(old);
            }
        }

        return entry.Value;
    }
}
