using MathNet.Numerics;

namespace SegMeasure.Core.Colocalization;

/// <summary>
/// Two-tailed p-values of correlation coefficients under the null hypothesis of no correlation,
/// from the regularized incomplete beta function (the Student t distribution's CDF).
/// </summary>
internal static class CorrelationPValues
{
    /// <summary>
    /// Pearson: r·√((n−2)/(1−r²)) follows Student's t with n − 2 degrees of freedom, which is the
    /// beta distribution B(n/2 − 1, n/2 − 1) on [−1, 1] for r; two pixels always give p = 1.
    /// </summary>
    public static double Pearson(double r, long n)
    {
        if (double.IsNaN(r) || n < 2) return double.NaN;
        if (n == 2) return 1.0;
        double shape = n / 2.0 - 1;
        double upper = 1.0 - (Math.Abs(r) + 1.0) / 2.0;
        if (upper <= 0) return 0.0;
        return Math.Min(1.0, 2.0 * SpecialFunctions.BetaRegularized(shape, shape, upper));
    }

    /// <summary>
    /// Spearman: t = ρ·√((n−2)/((1+ρ)(1−ρ))) with n − 2 degrees of freedom; both tails of the t
    /// distribution are I_{df/(df+t²)}(df/2, 1/2). Undefined (NaN) with no degree of freedom.
    /// </summary>
    public static double Spearman(double rho, long n)
    {
        if (double.IsNaN(rho)) return double.NaN;
        long dof = n - 2;
        if (dof <= 0) return double.NaN;
        double ratio = dof / ((rho + 1.0) * (1.0 - rho));
        if (double.IsNaN(ratio)) return double.NaN;
        double t = rho * Math.Sqrt(Math.Max(0, ratio));
        if (double.IsInfinity(t)) return 0.0;
        double x = dof / (dof + t * t);
        return Math.Min(1.0, SpecialFunctions.BetaRegularized(dof / 2.0, 0.5, x));
    }
}
