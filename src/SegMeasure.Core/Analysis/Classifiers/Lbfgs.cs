namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) for smooth unconstrained
/// problems: the two-loop recursion gives the search direction, a backtracking line search
/// with the Armijo condition gives the step. Used for convex losses, where this is enough.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Computes the objective at a point and writes its gradient.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public readonly record struct Result(double[] Minimum, double Value, int Iterations, bool Converged);

    public static Result Minimize(Objective f, double[] start, int maxIterations, double gradientTolerance = 1e-10, int memory = 10, CancellationToken cancellation = default)
    {
        int n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        double fx = f(x, g);
        var s = new List<double[]>(memory);
        var y = new List<double[]>(memory);
        var rho = new List<double>(memory);
        var alpha = new double[memory];
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];

        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (MaxAbs(g) <= gradientTolerance) return new Result(x, fx, iteration, true);

            // Two-loop recursion: direction = -H g.
            for (int i = 0; i < n; i++) direction[i] = -g[i];
            for (int k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(-alpha[k], y[k], direction);
            }

            double gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0 / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
            for (int i = 0; i < n; i++) direction[i] *= gamma;
            for (int k = 0; k < s.Count; k++)
            {
                double beta = rho[k] * Dot(y[k], direction);
                Axpy(alpha[k] - beta, s[k], direction);
            }

            double slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                for (int i = 0; i < n; i++) direction[i] = -g[i] / Math.Max(1.0, Math.Sqrt(Dot(g, g)));
                slope = Dot(g, direction);
            }

            double step = 1.0, fNew = double.NaN;
            bool accepted = false;
            for (int tries = 0; tries < 60; tries++)
            {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
                step *= 0.5;
            }

            if (!accepted) return new Result(x, fx, iteration, MaxAbs(g) <= Math.Sqrt(gradientTolerance));

            var sk = new double[n];
            var yk = new double[n];
            for (int i = 0; i < n; i++) { sk[i] = xNew[i] - x[i]; yk[i] = gNew[i] - g[i]; }
            double sy = Dot(sk, yk);
            if (sy > 1e-300)
            {
                if (s.Count == memory) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sk); y.Add(yk); rho.Add(1.0 / sy);
            }

            bool stalled = Math.Abs(fx - fNew) <= 1e-16 * Math.Max(1.0, Math.Abs(fx));
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = fNew;
            if (stalled) return new Result(x, fx, iteration + 1, true);
        }

        return new Result(x, fx, maxIterations, MaxAbs(g) <= gradientTolerance);
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (var e in v) m = Math.Max(m, Math.Abs(e));
        return m;
    }
}
