using NanoLM.CoordCheck;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Training.CoordCheck;

/// <summary>
/// μP's coord check: at each width, train a few steps on one fixed random batch and record the mean |activation| of every
/// module before each update. Under μP the curves are flat in width; under SP they grow.
/// </summary>
public static class CoordChecker
{
    public static CoordCheckReport Run(CoordCheckSettings settings, IProgress<string>? progress = null)
    {
        if (settings.Widths.Count < 2) throw new ArgumentException("A coord check needs at least two widths.");
        if (settings.Seeds < 1) throw new ArgumentException("A coord check needs at least one seed.");
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var widths = settings.Widths.Order().ToList();
        // measurements[module][step][widthIndex]
        var measurements = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        var moduleOrder = new List<string>();
        for (int seedIndex = 0; seedIndex < settings.Seeds; seedIndex++)
        {
            long seed = settings.Seed + seedIndex;
            using var batch = FixedBatch(settings, seed);
            using var inputs = batch.narrow(1, 0, settings.SequenceLength);
            using var targets = batch.narrow(1, 1, settings.SequenceLength);
            for (int w = 0; w < widths.Count; w++)
            {
                progress?.Report($"seed {seed}, width {widths[w]}");
                using var model = LanguageModel.Create(settings.ModelAt(widths[w]), seed);
                using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = settings.LearningRate, WeightDecay = 0 });
                model.train();
                for (int step = 0; step < settings.Steps; step++)
                {
                    var probe = new ActivationProbe();
                    using (var scope = NewDisposeScope())
                    {
                        var loss = model.Loss(inputs, targets, probe);
                        loss.backward();
                        optimizer.Step();
                        model.zero_grad();
                    }
                    foreach (string module in probe.Modules)
                    {
                        if (!measurements.TryGetValue(module, out var byStep))
                        {
                            byStep = Enumerable.Range(0, settings.Steps).Select(_ => new double[widths.Count]).ToArray();
                            measurements[module] = byStep;
                            moduleOrder.Add(module);
                        }
                        byStep[step][w] += probe.MeanAbs(module) / settings.Seeds;
                    }
                }
            }
        }

        var curves = new List<CoordCheckCurve>();
        foreach (string module in moduleOrder)
            for (int step = 0; step < settings.Steps; step++)
                curves.Add(new CoordCheckCurve(module, step, widths, measurements[module][step]));
        return new CoordCheckReport(settings with { Widths = widths }, curves);
    }

    // One batch of uniformly random tokens, the same for every width, so only the width changes between runs.
    static Tensor FixedBatch(CoordCheckSettings settings, long seed)
    {
        var generator = new Generator((ulong)seed + 1);
        return randint(0, settings.VocabularySize, [settings.BatchSize, settings.SequenceLength + 1], dtype: ScalarType.Int64, generator: generator);
    }
}
