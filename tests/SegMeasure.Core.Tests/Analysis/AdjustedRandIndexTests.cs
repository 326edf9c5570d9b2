namespace SegMeasure.Core.Tests.Analysis;

public class AdjustedRandIndexTests
{
    [Fact]
    public void Relabelled_partitions_score_one()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Of([0, 0, 1, 1, 2], [5, 5, 3, 3, -1]), 12);
    }

    [Fact]
    public void Matches_a_hand_computed_value()
    {
        // scikit-learn documents adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.57142857…
        Assert.Equal(0.5714285714285714, AdjustedRandIndex.Of([0, 0, 1, 2], [0, 0, 1, 1]), 12);
        Assert.True(AdjustedRandIndex.Of([0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 0, 1]) < 0.1);
    }
}
