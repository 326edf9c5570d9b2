using SegMeasure.Core.Measurement;
using SegMeasure.Core.Measurement.Engine;

namespace SegMeasure.Core.Tests.Measurement;

public class RunLogTests
{
    [Fact]
    public void Keeps_every_run_in_order_across_chunks_and_empties_on_release()
    {
        var log = new RunLog<LabelRun>();
        const int count = 40_000; // more than two chunks
        for (int i = 0; i < count; i++) log.Add(new LabelRun(i % 7, i, i, i + 1));

        Assert.Equal(count, log.Count);
        var read = log.Chunks().SelectMany(c => c.ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, count), read.Select(r => r.Row));
        Assert.All(read, r => Assert.Equal(r.Row % 7, r.Slot));

        log.Release();
        Assert.Equal(0, log.Count);
        Assert.Empty(log.Chunks());
    }
}
