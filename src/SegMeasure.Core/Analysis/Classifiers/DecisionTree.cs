namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// A fitted CART classification tree as flat node arrays: an internal node sends a row left
/// when <c>row[Feature] ≤ Threshold</c>; a leaf (<c>Feature = -1</c>) holds class probabilities.
/// Children always have larger node numbers than their parent, so a walk cannot loop.
/// </summary>
internal sealed class DecisionTree : IProbabilisticClassifier
{
    public DecisionTree(int[] feature, double[] threshold, int[] left, int[] right, double[]?[] value, int classCount, int featureCount)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
        ClassCount = classCount;
        FeatureCount = featureCount;
    }

    public int[] Feature { get; }
    public double[] Threshold { get; }
    public int[] Left { get; }
    public int[] Right { get; }

    /// <summary>Class probabilities of each leaf; null for internal nodes.</summary>
    public double[]?[] Value { get; }

    public int ClassCount { get; }
    public int FeatureCount { get; }
    public int NodeCount => Feature.Length;

    public double[] PredictProbabilities(double[] row) => (double[])Value[LeafOf(row)]!.Clone();

    /// <summary>The node number of the leaf <paramref name="row"/> falls into.</summary>
    public int LeafOf(double[] row)
    {
        int node = 0;
        while (Feature[node] >= 0)
            node = row[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return node;
    }

    /// <summary>Checks the structure (used when a tree comes from a file).</summary>
    internal string? Validate()
    {
        int n = Feature.Length;
        if (n == 0) return "a tree has no nodes";
        if (Threshold.Length != n || Left.Length != n || Right.Length != n || Value.Length != n) return "a tree's node arrays differ in length";
        for (int i = 0; i < n; i++)
        {
            if (Feature[i] >= 0)
            {
                if (Feature[i] >= FeatureCount) return $"tree node {i} uses feature {Feature[i]} of {FeatureCount}";
                if (!double.IsFinite(Threshold[i])) return $"tree node {i} has a non-finite threshold";
                if (Left[i] <= i || Left[i] >= n || Right[i] <= i || Right[i] >= n) return $"tree node {i} has invalid children";
            }
            else
            {
                var v = Value[i];
                if (v is null || v.Length != ClassCount || v.Any(p => !double.IsFinite(p) || p < 0)) return $"tree leaf {i} has invalid class probabilities";
            }
        }

        return null;
    }
}
