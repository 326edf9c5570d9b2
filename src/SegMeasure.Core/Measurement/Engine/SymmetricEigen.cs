namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Eigenvalues of small symmetric matrices (inertia tensors), sorted descending.</summary>
internal static class SymmetricEigen
{
    public static (double Large, double Small) Of2x2(double a, double b, double c)
    {
        double mean = (a + c) / 2;
        double radius = Math.Sqrt((a - c) / 2 * ((a - c) / 2) + b * b);
        return (mean + radius, mean - radius);
    }

    /// <summary>Cyclic Jacobi rotations on [[a,d,e],[d,b,f],[e,f,c]]; accurate for near-degenerate tensors.</summary>
    public static (double L0, double L1, double L2) Of3x3(double a, double b, double c, double d, double e, double f)
    {
        Span<double> m = [a, d, e, d, b, f, e, f, c];
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = m[1] * m[1] + m[2] * m[2] + m[5] * m[5];
            if (off <= 1e-300 || off <= 1e-34 * (m[0] * m[0] + m[4] * m[4] + m[8] * m[8])) break;
            Rotate(m, 0, 1);
            Rotate(m, 0, 2);
            Rotate(m, 1, 2);
        }

        double x = m[0], y = m[4], z = m[8];
        if (x < y) (x, y) = (y, x);
        if (y < z) (y, z) = (z, y);
        if (x < y) (x, y) = (y, x);
        return (x, y, z);
    }

    private static void Rotate(Span<double> m, int p, int q)
    {
        double apq = m[p * 3 + q];
        if (apq == 0) return;
        double app = m[p * 3 + p], aqq = m[q * 3 + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double cos = 1 / Math.Sqrt(t * t + 1), sin = t * cos;
        for (int k = 0; k < 3; k++)
        {
            double mkp = m[k * 3 + p], mkq = m[k * 3 + q];
            m[k * 3 + p] = cos * mkp - sin * mkq;
            m[k * 3 + q] = sin * mkp + cos * mkq;
        }

        for (int k = 0; k < 3; k++)
        {
            double mpk = m[p * 3 + k], mqk = m[q * 3 + k];
            m[p * 3 + k] = cos * mpk - sin * mqk;
            m[q * 3 + k] = sin * mpk + cos * mqk;
        }
    }
}
