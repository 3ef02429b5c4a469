namespace NanoLM.Fitting.Optimization;

/// <summary>Cholesky solves and inverses for the tiny symmetric systems of a law with a handful of parameters.</summary>
static class SmallMatrix
{
    /// <summary>Solves A·x = b for symmetric positive definite A (row-major p×p); false when A is not positive definite.</summary>
    public static bool TrySolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x, int p, Span<double> factor)
    {
        if (!TryCholesky(a, factor, p)) return false;
        for (int i = 0; i < p; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= factor[i * p + k] * x[k];
            x[i] = sum / factor[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int k = i + 1; k < p; k++) sum -= factor[k * p + i] * x[k];
            x[i] = sum / factor[i * p + i];
        }
        return true;
    }

    /// <summary>The inverse of a symmetric positive definite matrix, or null when it is singular.</summary>
    public static double[]? Inverse(double[] a, int p)
    {
        var inverse = new double[p * p];
        var factor = new double[p * p];
        var unit = new double[p];
        var column = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            if (!TrySolve(a, unit, column, p, factor)) return null;
            for (int i = 0; i < p; i++) inverse[i * p + j] = column[i];
        }
        return inverse;
    }

    static bool TryCholesky(ReadOnlySpan<double> a, Span<double> l, int p)
    {
        l[..(p * p)].Clear();
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i * p + j];
                for (int k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    l[i * p + i] = Math.Sqrt(sum);
                }
                else l[i * p + j] = sum / l[j * p + j];
            }
        return true;
    }
}
