namespace NanoLM.Fitting.Optimization;

/// <summary>Limited-memory BFGS with a backtracking Armijo line search; all buffers are allocated once, so a multi-start fit reuses one per thread.</summary>
public sealed class LbfgsMinimizer
{
    readonly int dimension, memory;
    readonly double[] gradient, direction, trial, trialGradient, rho, alpha, recentValues;
    readonly double[][] s, y;

    public int MaxIterations { get; init; } = 1000;
    /// <summary>Stop when an iteration lowers f by less than this fraction of |f|.</summary>
    public double RelativeTolerance { get; init; } = 1e-10;
    /// <summary>Stop when every gradient component is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-12;
    /// <summary>Stop when the last <see cref="StallWindow"/> iterations together lowered f by less than this fraction of |f|.</summary>
    public double StallTolerance { get; init; } = 1e-4;
    public const int StallWindow = 20;

    public LbfgsMinimizer(int dimension, int memory = 10)
    {
        this.dimension = dimension;
        this.memory = memory;
        gradient = new double[dimension];
        direction = new double[dimension];
        trial = new double[dimension];
        trialGradient = new double[dimension];
        rho = new double[memory];
        alpha = new double[memory];
        recentValues = new double[StallWindow];
        s = [.. Enumerable.Range(0, memory).Select(_ => new double[dimension])];
        y = [.. Enumerable.Range(0, memory).Select(_ => new double[dimension])];
    }

    /// <summary>Minimises from x in place; returns the final value and whether a tolerance (not the iteration cap) stopped it.</summary>
    public (double Value, bool Converged, int Iterations) Minimize<TObjective>(TObjective objective, Span<double> x)
        where TObjective : IDifferentiableObjective
    {
        double f = objective.Evaluate(x, gradient);
        if (!double.IsFinite(f)) return (double.NaN, false, 0);
        int stored = 0, newest = -1;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (MaxAbs(gradient) <= GradientTolerance) return (f, true, iteration);
            double slope = Direction(stored, newest);
            if (slope >= 0)
            {
                // Curvature pairs gone stale: restart from steepest descent.
                stored = 0;
                slope = Direction(0, -1);
            }
            double step = stored == 0 ? Math.Min(1, 1 / Math.Sqrt(Dot(gradient, gradient))) : 1;
            double trialValue = double.NaN;
            bool found = false;
            for (int attempt = 0; attempt < 60; attempt++)
            {
                for (int i = 0; i < dimension; i++) trial[i] = x[i] + step * direction[i];
                trialValue = objective.Evaluate(trial, trialGradient);
                if (double.IsFinite(trialValue) && trialValue <= f + 1e-4 * step * slope)
                {
                    found = true;
                    break;
                }
                // Minimiser of the quadratic through f, the slope and the trial value, kept within [0.1, 0.5] of the step.
                double shrink = double.IsFinite(trialValue) ? -slope * step / (2 * (trialValue - f - slope * step)) : 0.5;
                step *= Math.Clamp(double.IsFinite(shrink) ? shrink : 0.5, 0.1, 0.5);
            }
            if (!found) return (f, true, iteration);

            int slot = (newest + 1) % memory;
            double sy = 0;
            for (int i = 0; i < dimension; i++)
            {
                s[slot][i] = trial[i] - x[i];
                y[slot][i] = trialGradient[i] - gradient[i];
                sy += s[slot][i] * y[slot][i];
            }
            if (sy > 1e-300)
            {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.Min(stored + 1, memory);
            }
            double previous = f;
            f = trialValue;
            trial.AsSpan().CopyTo(x);
            trialGradient.AsSpan().CopyTo(gradient);
            if (previous - f <= RelativeTolerance * Math.Abs(f)) return (f, true, iteration + 1);
            // Starts that drift along a flat valley (a term vanishing as its exponent grows) would crawl to the cap.
            int window = recentValues.Length;
            if (iteration >= window && recentValues[iteration % window] - f <= StallTolerance * Math.Abs(f)) return (f, true, iteration + 1);
            recentValues[iteration % window] = f;
        }
        return (f, false, MaxIterations);
    }

    // The two-loop recursion: direction = −H·g with H the L-BFGS inverse-Hessian estimate. Returns gᵀ·direction.
    double Direction(int stored, int newest)
    {
        for (int i = 0; i < dimension; i++) direction[i] = -gradient[i];
        for (int k = 0; k < stored; k++)
        {
            int j = (newest - k + memory) % memory;
            alpha[j] = rho[j] * Dot(s[j], direction);
            for (int i = 0; i < dimension; i++) direction[i] -= alpha[j] * y[j][i];
        }
        if (stored > 0)
        {
            double gamma = 1 / (rho[newest] * Dot(y[newest], y[newest]));
            for (int i = 0; i < dimension; i++) direction[i] *= gamma;
        }
        for (int k = stored - 1; k >= 0; k--)
        {
            int j = (newest - k + memory) % memory;
            double beta = rho[j] * Dot(y[j], direction);
            for (int i = 0; i < dimension; i++) direction[i] += (alpha[j] - beta) * s[j][i];
        }
        return Dot(gradient, direction);
    }

    static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
