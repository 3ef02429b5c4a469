using NanoLM.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NanoLM.Training.Optimization;

/// <summary>AdamW with one parameter group per μP role; schedules scale each group's own base LR.</summary>
public sealed class MuPAdamW : IRunOptimizer
{
    readonly AdamW _adam;
    readonly List<(ParameterRole Role, AdamW.ParamGroup Group, double BaseLearningRate, int Count)> _groups = [];
    readonly List<Parameter> _parameters = [];

    public MuPAdamW(LanguageModel model, AdamWSettings settings)
    {
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
    }

    public IReadOnlyList<ParameterGroupInfo> Groups =>
        _groups.Select(g => new ParameterGroupInfo(g.Role, g.Count, g.BaseLearningRate, g.Group.LearningRate, g.Group.Options.weight_decay ?? 0)).ToList();

    public void ApplyMultiplier(double multiplier)
    {
        foreach (var g in _groups) g.Group.LearningRate = g.BaseLearningRate * multiplier;
    }

    public double ClipGradients(double maxNorm) => maxNorm > 0 ? nn.utils.clip_grad_norm_(_parameters, maxNorm) : 0.0;

    public void Step() => _adam.step();

    public void Save(BinaryWriter writer) => _adam.save_state_dict(writer);

    public void Load(BinaryReader reader) => _adam.load_state_dict(reader);

    public void Dispose() => _adam.Dispose();
}
