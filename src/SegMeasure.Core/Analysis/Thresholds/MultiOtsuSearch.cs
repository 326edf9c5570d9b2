namespace SegMeasure.Core.Analysis.Thresholds;

/// <summary>
/// The exhaustive multi-Otsu search over a normalised histogram. The between-class variance of
/// every bin range [i, j] is tabulated once (an upper-triangular lookup table); the recursion then
/// tries every ordered combination of threshold bins and keeps the first maximum. Single
/// precision throughout, matching scikit-image, so that near-ties break identically.
/// </summary>
internal sealed class MultiOtsuSearch
{
    private readonly int _bins;
    private readonly float[] _variance;
    private int[] _current = [];
    private int[] _best = [];

    public MultiOtsuSearch(float[] probabilities)
    {
        _bins = probabilities.Length;
        _variance = new float[_bins * (_bins + 1) / 2];
        var zeroth = new float[_bins];
        var first = new float[_bins];
        // The first row uses the first bin's probability as its first moment, as the published
        // lookup-table formulation (and scikit-image) does.
        zeroth[0] = probabilities[0];
        first[0] = probabilities[0];
        for (int i = 1; i < _bins; i++)
        {
            zeroth[i] = zeroth[i - 1] + probabilities[i];
            first[i] = first[i - 1] + i * probabilities[i];
            if (zeroth[i] > 0) _variance[i] = first[i] * first[i] / zeroth[i];
        }

        int index = _bins;
        for (int i = 1; i < _bins; i++)
        {
            for (int j = i; j < _bins; j++)
            {
                float weight = zeroth[j] - zeroth[i - 1];
                if (weight > 0)
                {
                    float moment = first[j] - first[i - 1];
                    _variance[index] = moment * moment / weight;
                }

                index++;
            }
        }
    }

    public int[] Find(int thresholdCount)
    {
        _current = new int[thresholdCount];
        _best = new int[thresholdCount];
        Search(0, 0, 0f);
        return _best;
    }

    private float Variance(int i, int j) => _variance[i * (2 * _bins - i + 1) / 2 + j - i];

    private float Search(int start, int level, float bestSigma)
    {
        int count = _current.Length;
        if (level < count)
        {
            for (int idx = start; idx < _bins - count + level; idx++)
            {
                _current[level] = idx;
                bestSigma = Search(idx + 1, level + 1, bestSigma);
            }
        }
        else
        {
            float sigma = Variance(0, _current[0]) + Variance(_current[count - 1] + 1, _bins - 1);
            for (int k = 0; k < count - 1; k++) sigma += Variance(_current[k] + 1, _current[k + 1]);
            if (sigma > bestSigma)
            {
                bestSigma = sigma;
                Array.Copy(_current, _best, count);
            }
        }

        return bestSigma;
    }
}
