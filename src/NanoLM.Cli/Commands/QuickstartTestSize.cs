using NanoLM.Spec;

namespace NanoLM.Cli.Commands;

/// <summary>
/// The hidden `quickstart --test-size`: the same experiment shrunk to train in seconds (tiny widths, a few steps), so
/// end-to-end tests can run every stage. Data, schedule, optimizer, parametrization and law stay as the spec has them;
/// evaluating every 2 steps leaves a whole-curve fit more checkpoints than its law has parameters.
/// </summary>
static class QuickstartTestSize
{
    public static ExperimentSpec Shrink(ExperimentSpec spec) => spec with
    {
        Model = spec.Model with { Depth = 1, HeadDim = 8, SeqLen = 16, BaseWidth = 16 },
        Train = spec.Train with { Batch = 2, Steps = 8, Warmup = 2, EvalInterval = 2, EvalBatches = 1, CheckpointInterval = 4, Threads = 1 },
        Search = spec.Search with { ProxyWidth = 16, Steps = 8, Grid = new SearchGrid { Lr = [0.01, 0.03] }, Random = null },
        Ladder = spec.Ladder with { Widths = [16, 24, 32, 40] },
        // 128 is about 10× the non-embedding parameters of width 40, like the real quickstart's ≥ 8×.
        Targets = [.. spec.Targets.Take(1).Select(t => t with { Width = 128, Params = null })],
        Predict = spec.Predict with { FitStep = null },
    };
}
