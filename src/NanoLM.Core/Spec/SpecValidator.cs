using System.Globalization;

namespace NanoLM.Spec;

/// <summary>The NLM03xx checks: values that are each fine but do not fit together.</summary>
internal static class SpecValidator
{
    public static void Validate(ExperimentSpec spec, SpecDiagnostics sink, SpecLoadOptions options)
    {
        CheckData(spec.Data, sink);
        CheckWidths(spec, sink);
        CheckLadder(spec, sink);
        CheckSearch(spec, sink);
        CheckTargets(spec, sink);
        CheckSchedule(spec, sink);
        CheckPredict(spec, sink);
        CheckMemory(spec, sink, options);
    }

    static void CheckData(DataSpec data, SpecDiagnostics sink)
    {
        if (data.Source == DataSource.Shards && string.IsNullOrWhiteSpace(data.Path))
            sink.Error(DiagnosticCodes.MissingKey, "data.source", "'data.path' is required when 'data.source' is shards (the directory `dotnet nanolm data prepare --out` wrote)");
        if (data.Source == DataSource.Synthetic && sink.Written("data.path"))
            sink.Warning(DiagnosticCodes.KeyNotApplicable, "data.path", "'data.path' is ignored when 'data.source' is synthetic; set 'source: shards' to train on prepared shards");
        if (data.Source == DataSource.Shards && sink.Written("data.seed"))
            sink.Warning(DiagnosticCodes.KeyNotApplicable, "data.seed", "'data.seed' applies only to the synthetic corpus; shards are read in their stored order");
        foreach (string key in SyntheticLanguageSpec.Keys)
            if (data.Source == DataSource.Shards && sink.Written($"data.{key}"))
                sink.Warning(DiagnosticCodes.KeyNotApplicable, $"data.{key}", $"'data.{key}' shapes the synthetic corpus and is ignored for shards");
        var language = data.Language;
        if (data.Source == DataSource.Synthetic && language.EffectiveTopics % language.EffectiveTopicGroups != 0)
        {
            var divisors = Enumerable.Range(1, language.EffectiveTopics).Where(g => language.EffectiveTopics % g == 0);
            sink.Error(DiagnosticCodes.TopicGroupsNotDivisor, sink.Written("data.topic_groups") ? "data.topic_groups" : "data.topics",
                $"{language.EffectiveTopics} topics cannot be split into {language.EffectiveTopicGroups} equal groups; 'data.topic_groups' must divide 'data.topics' ({string.Join(", ", divisors)})");
        }
    }

    static void CheckWidths(ExperimentSpec spec, SpecDiagnostics sink)
    {
        int headDim = spec.Model.HeadDim;
        void Check(int width, string writtenPath, string what)
        {
            // A default width that clashes with a written head_dim is the head_dim's fault: point there.
            string path = sink.Written(writtenPath) || !sink.Written("model.head_dim") ? writtenPath : "model.head_dim";
            if (what == "ladder width" && !sink.Written(writtenPath)) what = "default ladder width";
            if (width % headDim != 0)
            {
                int below = Math.Max(headDim, width / headDim * headDim), above = (width / headDim + 1) * headDim;
                sink.Error(DiagnosticCodes.WidthNotDivisible, path,
                    $"{what} {width} is not a multiple of model.head_dim ({headDim}); use {below} or {above}");
            }
            else if (width / headDim < 4)
                sink.Warning(DiagnosticCodes.TooFewHeads, path,
                    $"{what} {width} has only {width / headDim} attention head(s) at head_dim {headDim}; rungs with fewer than 4 heads tend to break the power law (use a smaller head_dim)");
        }

        Check(spec.Model.BaseWidth, "model.base_width", "model.base_width");
        for (int i = 0; i < spec.Ladder.Widths.Count; i++)
            Check(spec.Ladder.Widths[i], $"ladder.widths[{i}]", "ladder width");
        if (spec.Search.ProxyWidth is { } proxy) Check(proxy, "search.proxy_width", "search.proxy_width");
        for (int i = 0; i < spec.Targets.Count; i++)
            if (spec.Targets[i].Width is { } width) Check(width, $"targets[{i}].width", "target width");
    }

    static void CheckLadder(ExperimentSpec spec, SpecDiagnostics sink)
    {
        var widths = spec.Ladder.Widths;
        for (int i = 1; i < widths.Count; i++)
            if (widths[i] <= widths[i - 1])
            {
                sink.Error(DiagnosticCodes.LadderNotIncreasing, $"ladder.widths[{i}]",
                    $"ladder widths must increase strictly, but {widths[i]} follows {widths[i - 1]}; sorted: [{string.Join(", ", widths.Distinct().Order())}]");
                return;
            }
        if (widths.Count < 3)
            sink.Error(DiagnosticCodes.LadderTooShort, "ladder.widths",
                $"the ladder has {widths.Count} width(s); a power law E + A·N^-α has 3 parameters and needs at least 3 widths (4 or more to check the fit)");
        else if (widths.Count == 3)
            sink.Warning(DiagnosticCodes.LadderTooShort, "ladder.widths",
                "with 3 widths the 3-parameter law interpolates exactly and nothing checks the fit; use 4 or more");
        foreach (int width in spec.Ladder.SeedsByWidth.Keys.Where(w => !widths.Contains(w)).Order())
            sink.Error(DiagnosticCodes.SeedsWidthNotInLadder, $"ladder.seeds_by_width.{width}",
                $"ladder.seeds_by_width gives seeds for width {width}, which is not a ladder width; use some of ladder.widths ({string.Join(", ", widths)})");
        if (spec.Train.DataOrderSeed is not null && spec.Train.InitSeed is not null && spec.Ladder.MostSeeds > 1)
            sink.Warning(DiagnosticCodes.SeedsIdentical, "train.init_seed",
                $"with both 'train.data_order_seed' and 'train.init_seed' set, the {spec.Ladder.MostSeeds} seeds of a rung train the same run {spec.Ladder.MostSeeds} times; unset one of them or use one seed per width");
    }

    static void CheckSearch(ExperimentSpec spec, SpecDiagnostics sink)
    {
        var search = spec.Search;
        if (search.Grid is not null && search.Random is not null && sink.Written("search.grid"))
            sink.Error(DiagnosticCodes.SearchModeConflict, "search.random", "give either 'search.grid' or 'search.random', not both");
        if (search.Random is { } random)
        {
            CheckRange(random.Lr, "search.random.lr", sink);
            if (random.InitStd is { } s) CheckRange(s, "search.random.init_std", sink);
            if (random.OutputMult is { } o) CheckRange(o, "search.random.output_mult", sink);
        }
        if (search.RungLr.Count > 0 && search.Rungs.Count == 0)
            sink.Warning(DiagnosticCodes.KeyNotApplicable, "search.rung_lr", "'search.rung_lr' is ignored without 'search.rungs': list the ladder widths that search on their own");
        else if (search.RungLr.Count > 0 && search.Random is not null)
            sink.Warning(DiagnosticCodes.KeyNotApplicable, "search.rung_lr", "'search.rung_lr' applies to a grid search and is ignored with 'search.random': the rungs try the random points");
        if (!search.Enabled || spec.Ladder.Widths.Count == 0) return;
        int proxy = search.ProxyWidth ?? spec.Model.BaseWidth;
        for (int i = 0; i < search.Rungs.Count; i++)
        {
            int rung = search.Rungs[i];
            if (!spec.Ladder.Widths.Contains(rung))
                sink.Error(DiagnosticCodes.SearchRungNotInLadder, $"search.rungs[{i}]",
                    $"search.rungs lists width {rung}, which is not a ladder width; list some of ladder.widths ({string.Join(", ", spec.Ladder.Widths)})");
            else if (rung == proxy)
                sink.Warning(DiagnosticCodes.KeyNotApplicable, $"search.rungs[{i}]",
                    $"width {rung} is the search's proxy, so its rung already trains at the proxy's winner; drop it from search.rungs");
        }
        int low = spec.Ladder.Widths.Min(), high = spec.Ladder.Widths.Max();
        if (proxy < low || proxy > high)
        {
            string path = search.ProxyWidth is null ? "model.base_width" : "search.proxy_width";
            sink.Error(DiagnosticCodes.ProxyOutsideLadder, path,
                $"the search proxy width {proxy} lies outside the ladder's range [{low}, {high}]; hyperparameters transfer within the ladder, so tune at a width between {low} and {high} (usually the smallest)");
        }
    }

    static void CheckRange(ValueRange range, string path, SpecDiagnostics sink)
    {
        if (range.Min > range.Max)
            sink.Error(DiagnosticCodes.RangeReversed, path, $"'{path}' is [{Format(range.Min)}, {Format(range.Max)}]; write it as [min, max] with min <= max");
    }

    static void CheckTargets(ExperimentSpec spec, SpecDiagnostics sink)
    {
        int largestRung = spec.Ladder.Widths.Count > 0 ? spec.Ladder.Widths.Max() : 0;
        for (int i = 0; i < spec.Targets.Count; i++)
        {
            var target = spec.Targets[i];
            string path = $"targets[{i}]";
            if (target.Width is null == target.Params is null)
            {
                sink.Error(DiagnosticCodes.TargetSizeAmbiguous, path,
                    target.Width is null ? $"'{path}' needs 'width' or 'params'" : $"'{path}' gives both 'width' and 'params'; keep one");
                continue;
            }
            int width = target.Width ?? ModelFootprint.WidthForParameters(spec.Model.Family, target.Params!.Value, spec.Model.Depth, spec.Model.HeadDim);
            if (width <= largestRung)
                sink.Warning(DiagnosticCodes.TargetInsideLadder, path,
                    $"target width {width} is not wider than the ladder's largest rung ({largestRung}), so it is an interpolation, not a prediction");
        }
    }

    static void CheckSchedule(ExperimentSpec spec, SpecDiagnostics sink)
    {
        var train = spec.Train;
        if (train.Warmup.For(train.Steps) >= train.Steps)
            sink.Error(DiagnosticCodes.WarmupTooLong, "train.warmup", $"train.warmup ({train.Warmup.Describe(train.Steps)}) must be shorter than train.steps ({train.Steps})");
        else if (spec.Search.Enabled && spec.Search.Steps is { } searchSteps && train.Warmup.For(searchSteps) >= searchSteps)
            sink.Error(DiagnosticCodes.WarmupTooLong, "search.steps", $"search.steps ({searchSteps}) must be longer than train.warmup ({train.Warmup.Describe(searchSteps)})");
    }

    static void CheckPredict(ExperimentSpec spec, SpecDiagnostics sink)
    {
        bool wholeCurve = spec.Predict.Law != ScalingLaw.Power;
        if (spec.Predict.BurnIn is { } burnIn)
        {
            if (!wholeCurve)
                sink.Warning(DiagnosticCodes.KeyNotApplicable, "predict.burn_in",
                    "'predict.burn_in' applies only to whole-curve fits (law: chinchilla or annealing); the power law reads one loss per rung at predict.fit_step");
            else if (burnIn >= spec.Train.Steps)
                sink.Error(DiagnosticCodes.BurnInBeyondTraining, "predict.burn_in",
                    $"predict.burn_in ({burnIn}) must be before the last step (train.steps = {spec.Train.Steps}), or write burn_in: auto");
        }
        if (spec.Predict.FitStep is not { } fitStep) return;
        if (wholeCurve)
            sink.Warning(DiagnosticCodes.KeyNotApplicable, "predict.fit_step",
                $"'predict.fit_step' applies only to the power law; the {ChoiceName.Of(spec.Predict.Law)} law fits every checkpoint after predict.burn_in and predicts the last step");
        int steps = spec.Train.Steps;
        if (fitStep > steps)
            sink.Error(DiagnosticCodes.FitStepBeyondTraining, "predict.fit_step", $"predict.fit_step ({fitStep}) is after the last step (train.steps = {steps})");
        else if (fitStep != steps && fitStep % spec.Train.EvalInterval != 0)
            sink.Warning(DiagnosticCodes.FitStepNotEvaluated, "predict.fit_step",
                $"predict.fit_step ({fitStep}) is not a multiple of train.eval_interval ({spec.Train.EvalInterval}), so no validation loss is recorded there");
    }

    static void CheckMemory(ExperimentSpec spec, SpecDiagnostics sink, SpecLoadOptions options)
    {
        if (spec.Train.Device != TrainingDevice.Cpu) return;
        var m = spec.Model;
        var widths = new List<int>(spec.Ladder.Widths) { m.BaseWidth };
        if (spec.Search.ProxyWidth is { } proxy) widths.Add(proxy);
        foreach (var target in spec.Targets)
            if (target.Width is { } w) widths.Add(w);
            else if (target.Params is { } p) widths.Add(ModelFootprint.WidthForParameters(m.Family, p, m.Depth, m.HeadDim));
        int widest = widths.Max();
        double bytes = ModelFootprint.TrainingMemoryBytes(m.Family, m.Depth, widest, m.HeadDim, m.SeqLen, spec.Data.VocabSize, spec.Train.Batch);
        double budget = options.ResolveMemoryBudget();
        string estimate = $"train.batch × model.seq_len = {spec.Train.Batch} × {m.SeqLen} at width {widest} needs about {Gib(bytes)} for training (weights, Adam state, activations, logits)";
        if (bytes > 0.9 * budget)
            sink.Error(DiagnosticCodes.MemoryTooLarge, "train.batch", $"{estimate}, more than the {Gib(budget)} available; lower train.batch or model.seq_len");
        else if (bytes > 0.5 * budget)
            sink.Warning(DiagnosticCodes.MemoryLarge, "train.batch", $"{estimate}, over half of the {Gib(budget)} available");
    }

    static string Gib(double bytes) => $"{(bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture)} GiB";

    static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
