namespace SegMeasure.Core.Analysis;

/// <summary>
/// L2-regularised logistic regression fitted as scikit-learn's <c>lbfgs</c> solver does: two
/// classes use the binary logistic loss with one weight vector, more classes the multinomial
/// (softmax) loss with one weight vector per class. The objective is
/// <c>C · Σ loss + ½‖W‖²</c>; intercepts are not penalised. Inputs are standardised rows.
/// </summary>
public sealed class LogisticRegression : IProbabilisticClassifier
{
    public LogisticRegression(double[][] coefficients, double[] intercepts, int classCount)
    {
        if (classCount < 2) throw new ArgumentException("logistic regression needs at least two classes", nameof(classCount));
        int functions = classCount == 2 ? 1 : classCount;
        if (coefficients.Length != functions || intercepts.Length != functions)
            throw new ArgumentException($"expected {functions} coefficient rows and intercepts for {classCount} classes");
        if (coefficients.Any(c => c.Length != coefficients[0].Length))
            throw new ArgumentException("coefficient rows differ in length");
        Coefficients = coefficients;
        Intercepts = intercepts;
        ClassCount = classCount;
    }

    /// <summary>One row per decision function: a single row for two classes, one per class otherwise.</summary>
    public double[][] Coefficients { get; }

    public double[] Intercepts { get; }
    public int ClassCount { get; }
    public int FeatureCount => Coefficients[0].Length;

    /// <summary>Solver iterations used by <see cref="Fit"/>, and whether it met its tolerance.</summary>
    public int Iterations { get; init; }

    public bool Converged { get; init; } = true;

    /// <summary>
    /// Fits on standardised <paramref name="rows"/> with class positions <paramref name="classes"/>
    /// (0 … <paramref name="classCount"/>-1).
    /// </summary>
    public static LogisticRegression Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> classes, int classCount, double c = 1.0, int maxIterations = 1000, CancellationToken cancellation = default)
    {
        if (rows.Count == 0) throw new ArgumentException("no training rows", nameof(rows));
        if (!(c > 0) || !double.IsFinite(c))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"C must be a positive number, not {c}");
        if (maxIterations < 1)
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"the maximum number of iterations must be at least 1, not {maxIterations}");
        if (classCount < 2)
            throw new SegMeasureException("SegMeasure.TooFewClasses", ErrorKind.InvalidData,
                "logistic regression needs annotated rows of at least two classes");

        int n = rows.Count, d = rows[0].Length;
        int k = classCount == 2 ? 1 : classCount;
        // The objective is divided by C·n: the same minimiser as C·Σloss + ½‖W‖², better scaled.
        double penalty = 1.0 / (c * n);
        Lbfgs.Objective objective = classCount == 2
            ? (w, g) => BinaryLoss(rows, classes, d, penalty, w, g)
            : (w, g) => MultinomialLoss(rows, classes, d, k, penalty, w, g);

        var result = Lbfgs.Minimize(objective, new double[k * (d + 1)], maxIterations, gradientTolerance: 1e-10, cancellation: cancellation);
        var coefficients = new double[k][];
        var intercepts = new double[k];
        for (int j = 0; j < k; j++)
        {
            coefficients[j] = result.Minimum.AsSpan(j * (d + 1), d).ToArray();
            intercepts[j] = result.Minimum[j * (d + 1) + d];
        }

        return new LogisticRegression(coefficients, intercepts, classCount) { Iterations = result.Iterations, Converged = result.Converged };
    }

    public double[] PredictProbabilities(double[] row)
    {
        if (ClassCount == 2)
        {
            double z = Decision(0, row);
            double p1 = z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
            return [1.0 - p1, p1];
        }

        var scores = new double[ClassCount];
        for (int j = 0; j < ClassCount; j++) scores[j] = Decision(j, row);
        Softmax(scores);
        return scores;
    }

    private double Decision(int function, double[] row)
    {
        var w = Coefficients[function];
        double z = Intercepts[function];
        for (int i = 0; i < w.Length; i++) z += w[i] * row[i];
        return z;
    }

    private static void Softmax(double[] scores)
    {
        double max = scores.Max(), sum = 0;
        for (int j = 0; j < scores.Length; j++) sum += scores[j] = Math.Exp(scores[j] - max);
        for (int j = 0; j < scores.Length; j++) scores[j] /= sum;
    }

    // Parameters are laid out per decision function: d weights, then the intercept.
    private static double BinaryLoss(IReadOnlyList<double[]> rows, IReadOnlyList<int> classes, int d, double penalty, double[] w, double[] gradient)
    {
        int n = rows.Count;
        Array.Clear(gradient);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var x = rows[i];
            double z = w[d];
            for (int f = 0; f < d; f++) z += w[f] * x[f];
            double sign = classes[i] == 1 ? 1.0 : -1.0;
            double m = sign * z;
            // log(1 + exp(-m)), stable for either sign of m.
            loss += m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
            double sigmoidNeg = m > 0 ? Math.Exp(-m) / (1 + Math.Exp(-m)) : 1.0 / (1 + Math.Exp(m));
            double r = -sign * sigmoidNeg / n;
            for (int f = 0; f < d; f++) gradient[f] += r * x[f];
            gradient[d] += r;
        }

        loss /= n;
        for (int f = 0; f < d; f++)
        {
            loss += 0.5 * penalty * w[f] * w[f];
            gradient[f] += penalty * w[f];
        }

        return loss;
    }

    private static double MultinomialLoss(IReadOnlyList<double[]> rows, IReadOnlyList<int> classes, int d, int k, double penalty, double[] w, double[] gradient)
    {
        int n = rows.Count, stride = d + 1;
        Array.Clear(gradient);
        var scores = new double[k];
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var x = rows[i];
            double max = double.NegativeInfinity;
            for (int j = 0; j < k; j++)
            {
                int o = j * stride;
                double z = w[o + d];
                for (int f = 0; f < d; f++) z += w[o + f] * x[f];
                scores[j] = z;
                if (z > max) max = z;
            }

            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Exp(scores[j] - max);
            double logSum = max + Math.Log(sum);
            loss += logSum - scores[classes[i]];
            for (int j = 0; j < k; j++)
            {
                double r = (Math.Exp(scores[j] - logSum) - (classes[i] == j ? 1.0 : 0.0)) / n;
                int o = j * stride;
                for (int f = 0; f < d; f++) gradient[o + f] += r * x[f];
                gradient[o + d] += r;
            }
        }

        loss /= n;
        for (int j = 0; j < k; j++)
            for (int f = 0; f < d; f++)
            {
                double v = w[j * stride + f];
                loss += 0.5 * penalty * v * v;
                gradient[j * stride + f] += penalty * v;
            }

        return loss;
    }
}
