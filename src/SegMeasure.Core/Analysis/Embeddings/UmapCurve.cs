namespace SegMeasure.Core.Analysis.Embeddings;

/// <summary>
/// UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), with a and b fitted by least squares
/// to 1 for d &lt; min_dist and exp(−(d − min_dist)/spread) beyond, on 300 points in [0, 3·spread]
/// (umap-learn's find_ab_params). Fitted with Levenberg–Marquardt.
/// </summary>
internal static class UmapCurve
{
    public static (double A, double B) Fit(double spread, double minDistance)
    {
        if (!(spread > 0) || !(minDistance >= 0) || minDistance > spread)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument,
                $"UMAP needs 0 ≤ min_dist ≤ spread and spread > 0 (got min_dist {minDistance}, spread {spread})");
        const int count = 300;
        var x = new double[count];
        var target = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 3 * spread * i / (count - 1);
            target[i] = x[i] < minDistance ? 1.0 : Math.Exp(-(x[i] - minDistance) / spread);
        }

        double a = 1, b = 1, lambda = 1e-3;
        double cost = Cost(x, target, a, b);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            // Normal equations JᵀJ δ = −Jᵀr for r = model − target.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < count; i++)
            {
                if (x[i] <= 0) continue;
                double p = Math.Pow(x[i], 2 * b);
                double denominator = 1 + a * p;
                double model = 1 / denominator;
                double r = model - target[i];
                double da = -p / (denominator * denominator);
                double db = -a * p * 2 * Math.Log(x[i]) / (denominator * denominator);
                jaa += da * da; jab += da * db; jbb += db * db;
                ga += da * r; gb += db * r;
            }

            double m11 = jaa * (1 + lambda), m22 = jbb * (1 + lambda), det = m11 * m22 - jab * jab;
            if (det == 0) break;
            double stepA = -(m22 * ga - jab * gb) / det;
            double stepB = -(m11 * gb - jab * ga) / det;
            double newCost = Cost(x, target, a + stepA, b + stepB);
            if (newCost < cost && a + stepA > 0 && b + stepB > 0)
            {
                bool done = cost - newCost < 1e-15 * Math.Max(1, cost);
                a += stepA; b += stepB; cost = newCost; lambda = Math.Max(lambda / 10, 1e-12);
                if (done) break;
            }
            else
            {
                lambda *= 10;
                if (lambda > 1e12) break;
            }
        }

        return (a, b);
    }

    private static double Cost(double[] x, double[] target, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = 1 / (1 + a * Math.Pow(x[i], 2 * b)) - target[i];
            sum += r * r;
        }

        return sum;
    }
}
