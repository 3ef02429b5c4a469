namespace NanoLM.Fitting.Laws;

/// <summary>The annealing law's inputs for one run: S1 (the sum of the learning rate) and S2 (the sum of the annealing momentum) at each recorded step.</summary>
public static class LearningRateAreas
{
    /// <summary>Tissue et al.'s decay factor of the annealing momentum.</summary>
    public const double DefaultMomentumDecay = 0.999;

    /// <summary>
    /// Areas at each of the given steps (strictly increasing); the learning rate at steps between two recorded ones is
    /// interpolated linearly. The sums run over every step from the first recorded one, which counts as a full step
    /// with no annealing before it.
    /// </summary>
    public static (double LrArea, double AnnealingArea)[] Compute(IReadOnlyList<long> steps, IReadOnlyList<double> learningRates, double momentumDecay = DefaultMomentumDecay)
    {
        var areas = new (double, double)[steps.Count];
        if (steps.Count == 0) return areas;
        double s1 = 0, s2 = 0, momentum = 0, previousLr = learningRates[0];
        for (int row = 0; row < steps.Count; row++)
        {
            long from = row == 0 ? steps[0] : steps[row - 1] + 1;
            for (long step = from; step <= steps[row]; step++)
            {
                double lr = row == 0 ? learningRates[0]
                    : learningRates[row - 1] + (learningRates[row] - learningRates[row - 1]) * (step - steps[row - 1]) / (steps[row] - steps[row - 1]);
                momentum = momentumDecay * momentum + (previousLr - lr);
                s1 += lr;
                s2 += momentum;
                previousLr = lr;
            }
            areas[row] = (s1, s2);
        }
        return areas;
    }
}
