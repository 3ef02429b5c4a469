using NanoLM.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NanoLM.Training.Optimization;

/// <summary>AdamW with one parameter group per μP role; schedules scale each group's own base LR.</summary>
/// <remarks>
/// TorchSharp's AdamW keeps the moments and writes the checkpoint format; the step is our own, the same arithmetic in the
/// same order. TorchSharp's step turns doubles into Scalars implicitly and passes only their native handles on, so the
/// GC may finalize (free) a Scalar while libtorch still reads it; that crashed a training run inside
/// <c>c10::Scalar::toFloat</c>. Here every Scalar is created explicitly and lives until its call has returned.
/// </remarks>
public sealed class MuPAdamW : IRunOptimizer
{
    readonly AdamW _adam;
    readonly AdamWSettings _settings;
    readonly List<(ParameterRole Role, AdamW.ParamGroup Group, double BaseLearningRate, int Count)> _groups = [];
    readonly List<Parameter> _parameters = [];
    // Per group, each parameter with its moments; refreshed after Load, which may replace the state's tensors.
    List<List<(Parameter Parameter, AdamW.State State)>> _states = [];

    public MuPAdamW(LanguageModel model, AdamWSettings settings)
    {
        _settings = settings;
        var groups = new List<AdamW.ParamGroup>();
        foreach (var role in RoleGroup.Of(model, settings))
        {
            var parameters = role.Parameters.Select(p => p.Parameter).ToList();
            var group = new AdamW.ParamGroup(parameters, new AdamW.Options
            {
                LearningRate = role.BaseLearningRate,
                beta1 = settings.Beta1,
                beta2 = settings.Beta2,
                eps = settings.Epsilon,
                weight_decay = role.WeightDecay,
                amsgrad = false,
                maximize = false,
            });
            groups.Add(group);
            _groups.Add((role.Role, group, role.BaseLearningRate, parameters.Count));
            _parameters.AddRange(parameters);
        }
        _adam = optim.AdamW(groups, lr: settings.LearningRate, beta1: settings.Beta1, beta2: settings.Beta2, eps: settings.Epsilon);
        RefreshStates();
    }

    public IReadOnlyList<ParameterGroupInfo> Groups =>
        _groups.Select(g => new ParameterGroupInfo(g.Role, g.Count, g.BaseLearningRate, g.Group.LearningRate, g.Group.Options.weight_decay ?? 0)).ToList();

    public void ApplyMultiplier(double multiplier)
    {
        foreach (var g in _groups) g.Group.LearningRate = g.BaseLearningRate * multiplier;
    }

    public double ClipGradients(double maxNorm) => maxNorm > 0 ? nn.utils.clip_grad_norm_(_parameters, maxNorm) : 0.0;

    /// <summary>PyTorch's AdamW: decoupled decay × LR, then the bias-corrected moment update.</summary>
    public void Step()
    {
        double b1 = _settings.Beta1, b2 = _settings.Beta2;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using Scalar beta1 = b1.ToScalar(), beta2 = b2.ToScalar(), oneMinusBeta1 = (1 - b1).ToScalar(),
            oneMinusBeta2 = (1 - b2).ToScalar(), epsilon = _settings.Epsilon.ToScalar();
        for (int g = 0; g < _groups.Count; g++)
        {
            double lr = _groups[g].Group.LearningRate, weightDecay = _groups[g].Group.Options.weight_decay ?? 0;
            using Scalar decay = (1 - lr * weightDecay).ToScalar();
            foreach (var (parameter, state) in _states[g])
            {
                var gradient = parameter.grad;
                if (gradient is null) continue;
                state.step += 1;
                parameter.mul_(decay);
                double correction1 = 1 - Math.Pow(b1, state.step), correction2 = 1 - Math.Pow(b2, state.step);
                state.exp_avg.mul_(beta1).add_(gradient, alpha: oneMinusBeta1);
                state.exp_avg_sq.mul_(beta2).addcmul_(gradient, gradient, value: oneMinusBeta2);
                using Scalar rootCorrection2 = Math.Sqrt(correction2).ToScalar(), stepSize = (-lr / correction1).ToScalar();
                var denominator = state.exp_avg_sq.sqrt().div_(rootCorrection2).add_(epsilon, LiveScalars.One);
                parameter.addcdiv_(state.exp_avg, denominator, value: stepSize);
            }
        }
    }

    public void Save(BinaryWriter writer) => _adam.save_state_dict(writer);

    public void Load(BinaryReader reader)
    {
        _adam.load_state_dict(reader);
        RefreshStates();
    }

    void RefreshStates()
    {
        var all = _adam.state_dict().State.Cast<AdamW.State>().ToList();
        int next = 0;
        _states = _groups.Select(g => g.Group.Parameters.Select(p => (p, all[next++])).ToList()).ToList();
    }

    public void Dispose() => _adam.Dispose();
}
