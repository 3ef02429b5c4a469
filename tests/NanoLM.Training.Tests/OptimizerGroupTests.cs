using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Tests;

public class OptimizerGroupTests
{
    [Fact]
    public void Hidden_groups_get_eta_over_m_and_the_rest_eta_also_after_schedule_steps()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16 };
        using var model = new Gpt(config, seed: 0);
        double eta = 3e-3, m = 4;
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = eta, WeightDecay = 0.1 });
        var schedule = new LearningRateCurve(Spec.LearningRateSchedule.Cosine, TotalSteps: 10, WarmupSteps: 2);
        foreach (int step in new[] { 0, 1, 5, 9 })
        {
            double multiplier = schedule.Multiplier(step);
            optimizer.ApplyMultiplier(multiplier);
            foreach (var group in optimizer.Groups)
            {
                double expectedBase = group.Role is ParameterRole.Hidden or ParameterRole.ResidualOutput ? eta / m : eta;
                Assert.Equal(expectedBase, group.BaseLearningRate, 12);
                Assert.Equal(expectedBase * multiplier, group.LearningRate, 12);
            }
        }
    }

    [Fact]
    public void Coupled_weight_decay_is_lambda_times_m_on_hidden_groups_and_zero_on_vectors()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16 };
        using var model = new Gpt(config, seed: 0);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-3, WeightDecay = 0.1 });
        var decay = optimizer.Groups.ToDictionary(g => g.Role, g => g.WeightDecay);
        Assert.Equal(0.4, decay[ParameterRole.Hidden], 12);
        Assert.Equal(0.4, decay[ParameterRole.ResidualOutput], 12);
        Assert.Equal(0.1, decay[ParameterRole.Embedding], 12);
        Assert.Equal(0.1, decay[ParameterRole.Readout], 12);
        Assert.Equal(0.0, decay[ParameterRole.Vector], 12);
    }

    [Fact]
    public void Independent_weight_decay_shrinks_every_decayed_group_by_lambda_per_step()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16, WeightDecayMode = Spec.WeightDecayMode.Independent };
        using var model = new Gpt(config, seed: 0);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-3, WeightDecay = 1e-4 });
        foreach (var group in optimizer.Groups.Where(g => g.Role != ParameterRole.Vector))
            Assert.Equal(1e-4, group.LearningRate * group.WeightDecay, 15);
    }

    static readonly ModelConfig ReferenceConfig = new() { Width = 32, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16 };
    static readonly AdamWSettings ReferenceSettings = new() { LearningRate = 3e-2, WeightDecay = 0.1 };

    // TorchSharp's own AdamW over μP's groups, the reference our step must equal bit for bit.
    static TorchSharp.Modules.AdamW TorchSharpAdamW(LanguageModel model) =>
        optim.AdamW(RoleGroup.Of(model, ReferenceSettings).Select(role => new TorchSharp.Modules.AdamW.ParamGroup(
            role.Parameters.Select(p => p.Parameter), new TorchSharp.Modules.AdamW.Options
            {
                LearningRate = role.BaseLearningRate, beta1 = ReferenceSettings.Beta1, beta2 = ReferenceSettings.Beta2, eps = ReferenceSettings.Epsilon,
                weight_decay = role.WeightDecay, amsgrad = false, maximize = false,
            })).ToList());

    [Fact]
    public void Our_AdamW_step_gives_bit_for_bit_the_weights_TorchSharps_AdamW_step_gives()
    {
        using var ours = new Gpt(ReferenceConfig, seed: 3);
        using var theirs = new Gpt(ReferenceConfig, seed: 3);
        using var ourOptimizer = new MuPAdamW(ours, ReferenceSettings);
        using var reference = TorchSharpAdamW(theirs);
        var generator = new Generator(7);
        for (int step = 0; step < 5; step++)
        {
            using var tokens = randint(0, 16, [2, 8], generator: generator);
            using var targets = randint(0, 16, [2, 8], generator: generator);
            foreach (var (model, stepOnce) in new (LanguageModel, Action)[] { (ours, ourOptimizer.Step), (theirs, () => reference.step()) })
            {
                model.zero_grad();
                using var loss = model.Loss(tokens, targets);
                loss.backward();
                stepOnce();
            }
        }
        var theirWeights = theirs.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, weight) in ours.named_parameters())
            Assert.True(weight.eq(theirWeights[name]).all().item<bool>(), $"{name} differs from TorchSharp's AdamW");
    }

    [Fact]
    public void With_fp32_masters_the_step_is_TorchSharps_AdamW_on_the_masters_bit_for_bit()
    {
        // The reference steps an fp32 copy of the model whose gradients are the bf16 model's, cast to fp32.
        using var ours = new Gpt(ReferenceConfig, seed: 3);
        using var masters = new Gpt(ReferenceConfig, seed: 3);
        using var ourOptimizer = new MuPAdamW(ours, ReferenceSettings, fp32Masters: true);
        var groups = RoleGroup.Of(masters, ReferenceSettings);
        using var reference = TorchSharpAdamW(masters);
        var ourWeights = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var generator = new Generator(7);
        for (int step = 0; step < 5; step++)
        {
            using var tokens = randint(0, 16, [2, 8], generator: generator);
            using var targets = randint(0, 16, [2, 8], generator: generator);
            ours.zero_grad();
            using (var loss = ours.Loss(tokens, targets)) loss.backward();
            ourOptimizer.ClipGradients(0);
            ourOptimizer.Step();

            // d/dθ Σ θ·g is g exactly, which hands the reference the same fp32 gradients.
            masters.zero_grad();
            using (var surrogate = masters.named_parameters().Select(p => (p.parameter * ourWeights[p.name].grad!.to(ScalarType.Float32)).sum()).Aggregate((a, b) => a + b))
                surrogate.backward();
            reference.step();
        }

        // The checkpoint holds the step, then each parameter's master and moments in group order.
        using var stream = new MemoryStream();
        ourOptimizer.Save(new BinaryWriter(stream));
        stream.Position = 0;
        var reader = new BinaryReader(stream);
        Assert.Equal(5, reader.ReadInt64());
        var moments = reference.state_dict().State.Cast<TorchSharp.Modules.AdamW.State>().ToList();
        int next = 0;
        foreach (var (name, master) in groups.SelectMany(g => g.Parameters))
        {
            using Tensor savedMaster = zeros_like(master), firstMoment = zeros_like(master), secondMoment = zeros_like(master);
            savedMaster.Load(reader);
            firstMoment.Load(reader);
            secondMoment.Load(reader);
            var state = moments[next++];
            Assert.True(savedMaster.eq(master).all().item<bool>(), $"{name}'s master differs from TorchSharp's AdamW");
            Assert.True(firstMoment.eq(state.exp_avg).all().item<bool>() && secondMoment.eq(state.exp_avg_sq).all().item<bool>(), $"{name}'s moments differ");
            Assert.True(ourWeights[name].eq(master.to(ScalarType.BFloat16)).all().item<bool>(), $"{name} is not its master rounded to bf16");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Steps_survive_a_collector_that_runs_finalizers_throughout(bool bf16, bool llama)
    {
        // TorchSharp's own step let the finalizer free a Scalar that libtorch was still reading; this provokes that race
        // (with TorchSharp's AdamW in place of ours it fails here within a few hundred steps).
        var config = new ModelConfig { Width = 16, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 4, VocabularySize = 8 };
        using LanguageModel model = llama ? new Llama(config, seed: 1) : new Gpt(config, seed: 1);
        var settings = new AdamWSettings { LearningRate = 1e-2 };
        using var optimizer = new MuPAdamW(model, settings, fp32Masters: bf16);
        using var tokens = zeros([1, 4], ScalarType.Int64);
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        try
        {
            for (int step = 0; step < 300; step++)
            {
                model.zero_grad();
                using var loss = model.Loss(tokens, tokens);
                loss.backward();
                optimizer.ClipGradients(1.0);
                optimizer.Step();
            }
        }
        finally
        {
            stop.Cancel();
            await collector;
        }
        Assert.All(model.parameters(), p => Assert.False(p.isnan().any().item<bool>()));
    }
}
