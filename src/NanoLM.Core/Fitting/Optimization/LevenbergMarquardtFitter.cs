using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting.Optimization;

/// <summary>Least squares on the raw loss by Levenberg–Marquardt, with SciPy curve_fit's standard errors (cov = s²·(JᵀJ)⁻¹, s² = SSR/(n−p)).</summary>
public sealed class LevenbergMarquardtFitter : IFitter
{
    public string Name => FitterNames.LevenbergMarquardt;
    public int MaxIterations { get; init; } = 2000;

    public FitResult Fit(IScalingLaw law, IReadOnlyList<FitSample> samples, IReadOnlyList<double[]>? naturalStarts = null)
    {
        int p = law.ParameterNames.Count;
        var starts = naturalStarts ?? DefaultStarts(law, samples);
        var points = samples.Select(s => s.Point).ToArray();
        var losses = samples.Select(s => s.Loss).ToArray();
        var outcomes = MultiStart.Run(starts.Count, () => new Workspace(points.Length, p),
            (i, workspace) => Minimize(law, points, losses, starts[i], workspace));
        int best = MultiStart.Best(outcomes);
        if (best < 0) throw new UserError($"the {law.Name} law could not be fitted: every start gave a non-finite loss");
        var winner = outcomes[best];
        return new FitResult(law, Name, winner.Parameters, StandardErrors(law, points, winner.Parameters, winner.Objective),
            winner.Objective, winner.Converged, starts.Count, MultiStart.InBasin(outcomes, winner.Objective), samples.Count);
    }

    // The law's log-space grid, mapped to natural parameters, finds the basin without a hand-picked start.
    static IReadOnlyList<double[]> DefaultStarts(IScalingLaw law, IReadOnlyList<FitSample> samples) =>
        [.. law.StartGrid(samples).Select(q =>
        {
            var p = new double[q.Length];
            law.ToNatural(q, p);
            return p;
        })];

    sealed class Workspace(int n, int p)
    {
        public readonly double[] Jacobian = new double[n * p], Residuals = new double[n], Normal = new double[p * p], Damped = new double[p * p],
            Gradient = new double[p], Step = new double[p], Trial = new double[p], Factor = new double[p * p], PointGradient = new double[p];
    }

    StartOutcome Minimize(IScalingLaw law, LawPoint[] points, double[] losses, double[] start, Workspace w)
    {
        int n = points.Length, p = start.Length;
        var x = new double[p];
        for (int j = 0; j < p; j++) x[j] = Clamp(law, j, start[j]);
        double ssr = Residuals(law, points, losses, x, w.Residuals, w.Jacobian, w.PointGradient);
        if (!double.IsFinite(ssr)) return new StartOutcome(x, double.NaN, false);

        double mu = -1, nu = 2;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            NormalEquations(w.Jacobian, w.Residuals, n, p, w.Normal, w.Gradient);
            HoldActiveBounds(law, x, w.Normal, w.Gradient);
            if (mu < 0) mu = 1e-3 * MaxDiagonal(w.Normal, p);
            if (MaxAbs(w.Gradient) <= 1e-15 * (1 + ssr)) return new StartOutcome(x, ssr, true);

            bool accepted = false;
            while (!accepted)
            {
                // Marquardt's scaling by diag(JᵀJ) makes the damping invariant to the parameters' units.
                for (int i = 0; i < p * p; i++) w.Damped[i] = w.Normal[i];
                for (int j = 0; j < p; j++) w.Damped[j * p + j] += mu * Math.Max(w.Normal[j * p + j], 1e-300);
                for (int j = 0; j < p; j++) w.Gradient[j] = -w.Gradient[j];
                bool solved = SmallMatrix.TrySolve(w.Damped, w.Gradient, w.Step, p, w.Factor);
                for (int j = 0; j < p; j++) w.Gradient[j] = -w.Gradient[j];
                if (solved)
                {
                    double stepNorm = 0, xNorm = 0;
                    for (int j = 0; j < p; j++)
                    {
                        w.Trial[j] = Clamp(law, j, x[j] + w.Step[j]);
                        w.Step[j] = w.Trial[j] - x[j];
                        stepNorm += w.Step[j] * w.Step[j];
                        xNorm += x[j] * x[j];
                    }
                    if (Math.Sqrt(stepNorm) <= 1e-13 * (Math.Sqrt(xNorm) + 1e-13)) return new StartOutcome(x, ssr, true);

                    double trialSsr = Residuals(law, points, losses, w.Trial, null, null, w.PointGradient);
                    double predicted = -PredictedChange(w.Normal, w.Gradient, w.Step, p);
                    double rho = (ssr - trialSsr) / predicted;
                    if (double.IsFinite(trialSsr) && predicted > 0 && rho > 0)
                    {
                        double previous = ssr;
                        Array.Copy(w.Trial, x, p);
                        ssr = Residuals(law, points, losses, x, w.Residuals, w.Jacobian, w.PointGradient);
                        mu *= Math.Max(1.0 / 3, 1 - Math.Pow(2 * rho - 1, 3));
                        nu = 2;
                        accepted = true;
                        if (previous - ssr <= 1e-15 * previous) return new StartOutcome(x, ssr, true);
                        continue;
                    }
                }
                mu *= nu;
                nu *= 2;
                if (mu > 1e30) return new StartOutcome(x, ssr, true);
            }
        }
        return new StartOutcome(x, ssr, false);
    }

    // A parameter on a bound that descent would push further out stays there this iteration: its row and column leave
    // the step's system and its gradient leaves the convergence test (the projected gradient), so a fit resting on a
    // bound, such as E on the oracle floor, converges to it instead of crawling along the bound until MaxIterations.
    static void HoldActiveBounds(IScalingLaw law, double[] x, double[] normal, double[] gradient)
    {
        int p = x.Length;
        for (int j = 0; j < p; j++)
        {
            bool active = x[j] <= law.LowerBounds[j] && gradient[j] > 0 || x[j] >= law.UpperBounds[j] && gradient[j] < 0;
            if (!active) continue;
            for (int k = 0; k < p; k++) normal[j * p + k] = normal[k * p + j] = 0;
            normal[j * p + j] = 1;
            gradient[j] = 0;
        }
    }

    // The change of ‖r + J·h‖² − ‖r‖² = 2·hᵀJᵀr + hᵀJᵀJh under the linear model.
    static double PredictedChange(double[] normal, double[] gradient, double[] step, int p)
    {
        double change = 0;
        for (int i = 0; i < p; i++)
        {
            change += 2 * step[i] * gradient[i];
            for (int j = 0; j < p; j++) change += step[i] * normal[i * p + j] * step[j];
        }
        return change;
    }

    static double Residuals(IScalingLaw law, LawPoint[] points, double[] losses, double[] x, double[]? residuals, double[]? jacobian, double[] pointGradient)
    {
        int p = x.Length;
        double ssr = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double r = law.Value(x, points[i], jacobian is null ? Span<double>.Empty : pointGradient.AsSpan()) - losses[i];
            ssr += r * r;
            if (residuals is not null) residuals[i] = r;
            if (jacobian is not null) Array.Copy(pointGradient, 0, jacobian, i * p, p);
        }
        return double.IsFinite(ssr) ? ssr : double.NaN;
    }

    static void NormalEquations(double[] jacobian, double[] residuals, int n, int p, double[] normal, double[] gradient)
    {
        Array.Clear(normal);
        Array.Clear(gradient);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < p; a++)
            {
                double ja = jacobian[i * p + a];
                gradient[a] += ja * residuals[i];
                for (int b = 0; b < p; b++) normal[a * p + b] += ja * jacobian[i * p + b];
            }
    }

    static double[]? StandardErrors(IScalingLaw law, LawPoint[] points, double[] parameters, double ssr)
    {
        int n = points.Length, p = parameters.Length;
        if (n <= p) return null;
        var jacobian = new double[n * p];
        var residuals = new double[n];
        var normal = new double[p * p];
        var gradient = new double[p];
        var pointGradient = new double[p];
        for (int i = 0; i < n; i++)
        {
            law.Value(parameters, points[i], pointGradient);
            Array.Copy(pointGradient, 0, jacobian, i * p, p);
        }
        NormalEquations(jacobian, residuals, n, p, normal, gradient);
        var covariance = SmallMatrix.Inverse(normal, p);
        if (covariance is null) return null;
        double variance = ssr / (n - p);
        return [.. Enumerable.Range(0, p).Select(j => Math.Sqrt(variance * covariance[j * p + j]))];
    }

    static double Clamp(IScalingLaw law, int j, double value) => Math.Clamp(value, law.LowerBounds[j], law.UpperBounds[j]);

    static double MaxDiagonal(double[] normal, int p)
    {
        double max = 0;
        for (int j = 0; j < p; j++) max = Math.Max(max, normal[j * p + j]);
        return max;
    }

    static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
