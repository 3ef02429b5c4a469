using NanoLM.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Training.Optimization;

/// <summary>
/// μP AdamW for a model that computes in bf16: every parameter has an fp32 master copy with fp32 moments, the update is
/// PyTorch's AdamW on the masters, and the model's bf16 weights are rounded from them after each step. Updates far
/// smaller than a weight would vanish if they were added to bf16 weights (8 bits of mantissa); on the masters they add up.
/// </summary>
public sealed class Bf16AdamW : IRunOptimizer
{
    sealed record Slot(Tensor Weight, Tensor Master, Tensor Gradient, Tensor FirstMoment, Tensor SecondMoment);

    sealed class Group(ParameterRole role, double baseLearningRate, double weightDecay, List<Slot> slots)
    {
        public ParameterRole Role { get; } = role;
        public double BaseLearningRate { get; } = baseLearningRate;
        public double LearningRate { get; set; } = baseLearningRate;
        public double WeightDecay { get; } = weightDecay;
        public List<Slot> Slots { get; } = slots;
    }

    readonly List<Group> _groups = [];
    readonly AdamWSettings _settings;
    long _step;

    /// <summary>Takes the fp32 model's weights as masters, then converts <paramref name="model"/> to bf16.</summary>
    public Bf16AdamW(LanguageModel model, AdamWSettings settings)
    {
        _settings = settings;
        var masters = model.ParametersWithRoles().ToDictionary(p => p.Name, p => p.Parameter.detach().clone());
        model.to(ScalarType.BFloat16);
        foreach (var role in RoleGroup.Of(model, settings))
        {
            var slots = role.Parameters.Select(p => new Slot(p.Parameter, masters[p.Name], zeros_like(masters[p.Name]),
                zeros_like(masters[p.Name]), zeros_like(masters[p.Name]))).ToList();
            _groups.Add(new Group(role.Role, role.BaseLearningRate, role.WeightDecay, slots));
        }
    }

    public IReadOnlyList<ParameterGroupInfo> Groups =>
        _groups.Select(g => new ParameterGroupInfo(g.Role, g.Slots.Count, g.BaseLearningRate, g.LearningRate, g.WeightDecay)).ToList();

    IEnumerable<Slot> Slots => _groups.SelectMany(g => g.Slots);

    public void ApplyMultiplier(double multiplier)
    {
        foreach (var g in _groups) g.LearningRate = g.BaseLearningRate * multiplier;
    }

    /// <summary>Copies the bf16 gradients to fp32, then clips their global norm as clip_grad_norm_ does.</summary>
    public double ClipGradients(double maxNorm)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
            foreach (var slot in Slots)
                if (slot.Weight.grad is { } grad) slot.Gradient.copy_(grad);
                else slot.Gradient.zero_();
        if (maxNorm <= 0) return 0;
        double norm = Math.Sqrt(Slots.Sum(s => s.Gradient.Squared().sum().item<float>()));
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            using Scalar scale = coefficient.ToScalar();
            foreach (var slot in Slots) slot.Gradient.mul_(scale);
        }
        return norm;
    }

    /// <summary>One AdamW step on the masters (decoupled decay × LR, bias-corrected moments), then bf16 weights from them.</summary>
    /// <remarks>Every Scalar is explicit and outlives its call, for the reason <see cref="MuPAdamW"/> gives.</remarks>
    public void Step()
    {
        _step++;
        double b1 = _settings.Beta1, b2 = _settings.Beta2;
        double correction1 = 1 - Math.Pow(b1, _step), correction2 = 1 - Math.Pow(b2, _step);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using Scalar beta1 = b1.ToScalar(), beta2 = b2.ToScalar(), oneMinusBeta1 = (1 - b1).ToScalar(),
            oneMinusBeta2 = (1 - b2).ToScalar(), epsilon = _settings.Epsilon.ToScalar(),
            rootCorrection2 = Math.Sqrt(correction2).ToScalar();
        foreach (var group in _groups)
        {
            double lr = group.LearningRate;
            using Scalar decay = (1 - lr * group.WeightDecay).ToScalar(), stepSize = (-lr / correction1).ToScalar();
            foreach (var slot in group.Slots)
            {
                if (group.WeightDecay != 0) slot.Master.mul_(decay);
                slot.FirstMoment.mul_(beta1).add_(slot.Gradient, alpha: oneMinusBeta1);
                slot.SecondMoment.mul_(beta2).addcmul_(slot.Gradient, slot.Gradient, value: oneMinusBeta2);
                var denominator = slot.SecondMoment.sqrt().div_(rootCorrection2).add_(epsilon, LiveScalars.One);
                slot.Master.addcdiv_(slot.FirstMoment, denominator, value: stepSize);
                slot.Weight.copy_(slot.Master);
            }
        }
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_step);
        foreach (var slot in Slots)
        {
            slot.Master.Save(writer);
            slot.FirstMoment.Save(writer);
            slot.SecondMoment.Save(writer);
        }
    }

    /// <summary>Restores masters and moments, and the bf16 weights from the masters.</summary>
    public void Load(BinaryReader reader)
    {
        _step = reader.ReadInt64();
        using var _ = no_grad();
        foreach (var slot in Slots)
        {
            slot.Master.Load(reader);
            slot.FirstMoment.Load(reader);
            slot.SecondMoment.Load(reader);
            slot.Weight.copy_(slot.Master);
        }
    }

    public void Dispose()
    {
        foreach (var slot in Slots)
        {
            slot.Master.Dispose();
            slot.Gradient.Dispose();
            slot.FirstMoment.Dispose();
            slot.SecondMoment.Dispose();
        }
    }
}
