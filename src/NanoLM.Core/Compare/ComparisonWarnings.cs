using System.Globalization;

namespace NanoLM.Compare;

/// <summary>Differences between two experiments, besides the design, that make their losses unfair to compare.</summary>
public static class ComparisonWarnings
{
    public static IReadOnlyList<string> For(ComparedLadder a, ComparedLadder b)
    {
        var warnings = new List<string>();
        if (a.Spec.Data != b.Spec.Data)
            warnings.Add("A and B train on different data (data: sections differ); their losses are not on one scale");
        if (a.Spec.Model.SeqLen != b.Spec.Model.SeqLen)
            warnings.Add($"A's context is {a.Spec.Model.SeqLen} tokens and B's {b.Spec.Model.SeqLen}; a longer context lowers the loss whatever the design");
        if (a.TokensPerRung != b.TokensPerRung)
            warnings.Add($"A's rungs trained on {Count(a.TokensPerRung)} tokens and B's on {Count(b.TokensPerRung)}; the comparison mixes the design with the data budget");
        if (a.FitStep * (long)a.Spec.Train.Batch * a.Spec.Model.SeqLen != b.FitStep * (long)b.Spec.Train.Batch * b.Spec.Model.SeqLen)
            warnings.Add($"A's losses are read at step {a.FitStep} and B's at step {b.FitStep}, after different numbers of tokens");
        if (a.Spec.Train.EvalBatches * a.Spec.Train.Batch != b.Spec.Train.EvalBatches * b.Spec.Train.Batch
            || a.Spec.Train.FinalValidationWindows != b.Spec.Train.FinalValidationWindows)
            warnings.Add("A and B validate on different numbers of windows (train.eval_batches or train.final_eval_batches × train.batch)");
        foreach (var ladder in new[] { a, b })
            if (ladder.Rungs.Select(r => r.Width).Distinct().Count() < 4)
                warnings.Add($"{ladder.Label} has fewer than 4 widths; a 3-parameter law passes through 3 points exactly, so nothing checks its fit");
        return warnings;
    }

    /// <summary>What makes a fitted law a poor guide: a ladder that gets worse with width, or a fit that ran into a bound of the law.</summary>
    public static IReadOnlyList<string> For(DesignFit fit)
    {
        var warnings = new List<string>();
        var byWidth = fit.Ladder.Rungs.GroupBy(r => r.Width).OrderBy(g => g.Key).Select(g => (Width: g.Key, Loss: g.Average(r => r.Loss))).ToList();
        for (int i = 1; i < byWidth.Count; i++)
            if (byWidth[i].Loss > byWidth[i - 1].Loss)
                warnings.Add($"{fit.Ladder.Label}'s ladder is not a power law: width {byWidth[i].Width} ({byWidth[i].Loss:F4}) is worse than the narrower " +
                             $"width {byWidth[i - 1].Width} ({byWidth[i - 1].Loss:F4}); train longer or add seeds before trusting its curve");
        if (fit.Degenerate is { } degenerate) warnings.Add(degenerate);
        var law = fit.Fit.Law;
        for (int j = 0; j < law.ParameterNames.Count; j++)
            if (!DesignFit.ShapeParameters.Contains(law.ParameterNames[j]) && fit.AtBound(j) && !(law.ParameterNames[j] == "E" && fit.OnFloor))
                warnings.Add($"{fit.Ladder.Label}'s fit put {law.ParameterNames[j]} at its bound ({fit.Fit.Parameters[j]:G4}): the law does not describe this ladder, " +
                             "so its predictions beyond the ladder are the fit's edge, not an extrapolation");
        return warnings;
    }

    static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
