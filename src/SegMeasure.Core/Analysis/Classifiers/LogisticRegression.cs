namespace SegMeasure.Core.Analysis.Classifiers;

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

    // Rows are summed in fixed chunks, in parallel, and the chunk sums added in chunk order:
    // the result does not depend on the number of threads.
    private const int ChunkRows = 2048;

    private delegate double ChunkLoss(int start, int end, double[] w, double[] gradient);

    private static double Chunked(int n, int parameters, double[] w, double[] gradient, ChunkLoss loss)
    {
        int chunks = (n + ChunkRows - 1) / ChunkRows;
        var losses = new double[chunks];
        var gradients = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            gradients[c] = new double[parameters];
            losses[c] = loss(c * ChunkRows, Math.Min(n, (c + 1) * ChunkRows), w, gradients[c]);
        });
        Array.Clear(gradient);
        double total = 0;
        for (int c = 0; c < chunks; c++)
        {
            total += losses[c];
            for (int j = 0; j < parameters; j++) gradient[j] += gradients[c][j];
        }

        return total;
    }

    // Parameters are laid out per decision function: d weights, then the intercept.
    private static double BinaryLoss(IReadOnlyList<double[]> rows, IReadOnlyList<int> classes, int d, double penalty, double[] w, double[] gradient)
    {
        int n = rows.Count;
        double loss = Chunked(n, w.Length, w, gradient, (start, end, w, g) =>
        {
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                var x = rows[i];
                double z = w[d];
                for (int f = 0; f < d; f++) z += w[f] * x[f];
                double sign = classes[i] == 1 ? 1.0 : -1.0;
                double m = sign * z;
                // log(1 + exp(-m)) and the sigmoid of -m, stable for either sign of m.
                double e = Math.Exp(-Math.Abs(m));
                sum += (m > 0 ? 0 : -m) + Math.Log(1 + e);
                double sigmoidNeg = m > 0 ? e / (1 + e) : 1.0 / (1 + e);
                double r = -sign * sigmoidNeg;
                for (int f = 0; f < d; f++) g[f] += r * x[f];
                g[d] += r;
            }

            return sum;
        });

        loss /= n;
        for (int f = 0; f <= d; f++) gradient[f] /= n;
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
        double loss = Chunked(n, w.Length, w, gradient, (start, end, w, g) =>
        {
            var scores = new double[k];
            var exps = new double[k];
            double sum = 0;
            for (int i = start; i < end; i++)
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

                double total = 0;
                for (int j = 0; j < k; j++)
                {
                    exps[j] = Math.Exp(scores[j] - max);
                    total += exps[j];
                }

                int label = classes[i];
                sum += max + Math.Log(total) - scores[label];
                for (int j = 0; j < k; j++)
                {
                    double r = exps[j] / total - (label == j ? 1.0 : 0.0);
                    int o = j * stride;
                    for (int f = 0; f < d; f++) g[o + f] += r * x[f];
                    g[o + d] += r;
                }
            }

            return sum;
        });

        loss /= n;
        for (int t = 0; t < gradient.Length; t++) gradient[t] /= n;
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
