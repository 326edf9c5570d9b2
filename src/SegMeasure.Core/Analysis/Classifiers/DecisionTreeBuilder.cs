namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// Grows one CART tree as scikit-learn's best splitter does: at each node it draws candidate
/// features at random until <c>maxFeatures</c> non-constant ones have been examined, sorts the
/// node's samples by each, and takes the cut (midway between neighbouring distinct values) with
/// the largest decrease of weighted Gini impurity. Sample weights carry bootstrap counts.
/// </summary>
internal sealed class DecisionTreeBuilder
{
    // Values closer than this are treated as equal, as scikit-learn does.
    private const double FeatureThreshold = 1e-7;

    private readonly double[][] _columns;
    private readonly int[] _classes;
    private readonly int _classCount;
    private readonly int _maxFeatures;
    private readonly int _maxDepth;

    /// <summary><paramref name="columns"/> holds the features column by column (feature × row) for
    /// cache-friendly reads; <paramref name="classes"/> the class position of each row.</summary>
    public DecisionTreeBuilder(double[][] columns, int[] classes, int classCount, int maxFeatures, int? maxDepth)
    {
        _columns = columns;
        _classes = classes;
        _classCount = classCount;
        _maxFeatures = Math.Clamp(maxFeatures, 1, columns.Length);
        _maxDepth = maxDepth is > 0 ? maxDepth.Value : int.MaxValue;
    }

    public DecisionTree Build(double[] weights, Random random, CancellationToken cancellation = default)
    {
        int features = _columns.Length;
        var samples = Enumerable.Range(0, weights.Length).Where(i => weights[i] > 0).ToArray();
        int n = samples.Length;
        var keys = new double[n];
        var sorted = new int[n];
        var featureOrder = Enumerable.Range(0, features).ToArray();
        var counts = new double[_classCount];
        var left = new double[_classCount];

        var nodeFeature = new List<int>();
        var nodeThreshold = new List<double>();
        var nodeLeft = new List<int>();
        var nodeRight = new List<int>();
        var nodeValue = new List<double[]?>();

        var stack = new Stack<(int Start, int End, int Depth, int Parent, bool IsLeft)>();
        stack.Push((0, n, 0, -1, false));
        while (stack.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var (start, end, depth, parent, isLeft) = stack.Pop();
            int node = nodeFeature.Count;
            if (parent >= 0)
            {
                if (isLeft) nodeLeft[parent] = node;
                else nodeRight[parent] = node;
            }

            Array.Clear(counts);
            double total = 0;
            for (int i = start; i < end; i++)
            {
                counts[_classes[samples[i]]] += weights[samples[i]];
                total += weights[samples[i]];
            }

            double sumSquares = 0;
            foreach (var c in counts) sumSquares += c * c;
            double impurity = 1.0 - sumSquares / (total * total);

            int bestFeature = -1;
            double bestThreshold = 0;
            if (depth < _maxDepth && end - start >= 2 && impurity > double.Epsilon)
                (bestFeature, bestThreshold) = FindSplit(start, end, samples, weights, keys, sorted, featureOrder, counts, left, total, random);

            nodeFeature.Add(bestFeature);
            nodeThreshold.Add(bestFeature >= 0 ? bestThreshold : 0);
            nodeLeft.Add(-1);
            nodeRight.Add(-1);
            if (bestFeature < 0)
            {
                nodeValue.Add(counts.Select(c => c / total).ToArray());
                continue;
            }

            nodeValue.Add(null);
            // Partition the node's samples by the chosen cut.
            var column = _columns[bestFeature];
            int mid = start;
            for (int i = start; i < end; i++)
                if (column[samples[i]] <= bestThreshold)
                    (samples[i], samples[mid]) = (samples[mid++], samples[i]);

            // Right first so the left child is numbered next (depth-first, left to right).
            stack.Push((mid, end, depth + 1, node, false));
            stack.Push((start, mid, depth + 1, node, true));
        }

        return new DecisionTree(nodeFeature.ToArray(), nodeThreshold.ToArray(), nodeLeft.ToArray(), nodeRight.ToArray(),
            nodeValue.ToArray(), _classCount, features);
    }

    private (int Feature, double Threshold) FindSplit(int start, int end, int[] samples, double[] weights, double[] keys, int[] sorted,
        int[] featureOrder, double[] counts, double[] left, double total, Random random)
    {
        int features = featureOrder.Length;
        int bestFeature = -1;
        // Any cut of a non-constant feature is acceptable, even one that gains nothing (as scikit-learn).
        double bestThreshold = 0, bestProxy = double.NegativeInfinity;
        int examined = 0;
        for (int drawn = 0; drawn < features && examined < _maxFeatures; drawn++)
        {
            // Partial Fisher–Yates shuffle: the next candidate feature.
            int pick = drawn + random.Next(features - drawn);
            (featureOrder[drawn], featureOrder[pick]) = (featureOrder[pick], featureOrder[drawn]);
            int f = featureOrder[drawn];
            var column = _columns[f];
            int length = end - start;
            for (int i = 0; i < length; i++)
            {
                sorted[i] = samples[start + i];
                keys[i] = column[sorted[i]];
            }

            Array.Sort(keys, sorted, 0, length);
            if (keys[length - 1] <= keys[0] + FeatureThreshold) continue;
            examined++;

            Array.Clear(left);
            double weightLeft = 0;
            for (int i = 0; i < length - 1; i++)
            {
                int s = sorted[i];
                double w = weights[s];
                left[_classes[s]] += w;
                weightLeft += w;
                if (keys[i + 1] <= keys[i] + FeatureThreshold) continue;

                // Gini decrease is monotone in Σ left² / wL + Σ right² / wR.
                double weightRight = total - weightLeft, sl = 0, sr = 0;
                for (int c = 0; c < left.Length; c++)
                {
                    sl += left[c] * left[c];
                    double r = counts[c] - left[c];
                    sr += r * r;
                }

                double proxy = sl / weightLeft + sr / weightRight;
                if (proxy > bestProxy)
                {
                    bestProxy = proxy;
                    bestFeature = f;
                    double threshold = keys[i] / 2 + keys[i + 1] / 2;
                    bestThreshold = threshold >= keys[i + 1] || !double.IsFinite(threshold) ? keys[i] : threshold;
                }
            }
        }

        return (bestFeature, bestThreshold);
    }
}
