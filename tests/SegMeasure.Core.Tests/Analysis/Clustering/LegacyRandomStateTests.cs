using SegMeasure.Core.Analysis.Clustering;

namespace SegMeasure.Core.Tests.Analysis.Clustering;

public class LegacyRandomStateTests
{
    [Fact]
    public void Reproduces_numpy_RandomState_zero()
    {
        // numpy 1.24: r = np.random.RandomState(0); r.randint(600), r.uniform(size=3), r.randint(7), r.randint(1000000)
        var r = new LegacyRandomState(0);
        Assert.Equal(559, r.NextInt(600));
        Assert.Equal(0.7151893663724195, r.NextDouble());
        Assert.Equal(0.6027633760716439, r.NextDouble());
        Assert.Equal(0.5448831829968969, r.NextDouble());
        Assert.Equal(1, r.NextInt(7));
        Assert.Equal(122579, r.NextInt(1000000));
    }
}
