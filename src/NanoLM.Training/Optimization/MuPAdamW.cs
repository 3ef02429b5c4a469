using NanoLM.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NanoLM.Training.Optimization;

/// <summary>
/// PyTorch's AdamW with one parameter group per μP role, each with its own base LR and decay, which the schedule scales.
/// For a model that computes in bf16 (<c>fp32Masters</c>) every parameter has an fp32 master copy with fp32 moments: the
/// step updates the masters, and the model's bf16 weights are rounded from them. Updates far smaller than a weight would
/// vanish if they were added to bf16 weights (8 bits of mantissa); on the masters they add up.
/// </summary>
/// <remarks>
/// In fp32, TorchSharp's AdamW keeps the moments and writes the checkpoint format, so checkpoints of earlier builds still
/// load; with masters the checkpoint is the step count, then each parameter's master and moments. The step is our own,
/// PyTorch's arithmetic in its order: TorchSharp's step turns doubles into Scalars implicitly and passes only their
/// native handles on, so the GC may finalize (free) a Scalar while libtorch still reads it; that crashed a training run
/// inside <c>c10::Scalar::toFloat</c>. Here every Scalar is created explicitly and lives until its call has returned.
/// </remarks>
public sealed class MuPAdamW : IDisposable
{
    // One parameter: the model's weight and, with masters, its fp32 master, the fp32 copy of its gradient and its moments.
    // Without masters the moments are TorchSharp's (State), which Load may replace.
    sealed class Slot(Parameter weight, Tensor? master)
    {
        public Parameter Weight { get; } = weight;
        public Tensor? Master { get; } = master;
        public Tensor? Gradient { get; } = master is null ? null : zeros_like(master);
        public Tensor? FirstMoment { get; } = master is null ? null : zeros_like(master);
        public Tensor? SecondMoment { get; } = master is null ? null : zeros_like(master);
        public AdamW.State? State { get; set; }
    }

    sealed class Group(RoleGroup role, List<Slot> slots, AdamW.ParamGroup? torchGroup)
    {
        public RoleGroup Role { get; } = role;
        public List<Slot> Slots { get; } = slots;
        // Without masters the LR also lives in TorchSharp's group, whose state dict the checkpoint writes.
        public AdamW.ParamGroup? TorchGroup { get; } = torchGroup;
        public double LearningRate { get; set; } = role.BaseLearningRate;
    }

    readonly List<Group> _groups = [];
    readonly AdamWSettings _settings;
    readonly AdamW? _adam;
    long _step;

    /// <param name="fp32Masters">Takes the fp32 model's weights as masters, then converts <paramref name="model"/> to bf16.</param>
    public MuPAdamW(LanguageModel model, AdamWSettings settings, bool fp32Masters = false)
    {
        _settings = settings;
        if (fp32Masters)
        {
            var masters = model.ParametersWithRoles().ToDictionary(p => p.Name, p => p.Parameter.detach().clone());
            model.to(ScalarType.BFloat16);
            foreach (var role in RoleGroup.Of(model, settings))
                _groups.Add(new Group(role, [.. role.Parameters.Select(p => new Slot(p.Parameter, masters[p.Name]))], null));
            return;
        }
        foreach (var role in RoleGroup.Of(model, settings))
        {
            var torchGroup = new AdamW.ParamGroup(role.Parameters.Select(p => p.Parameter), new AdamW.Options
            {
                LearningRate = role.BaseLearningRate,
                beta1 = settings.Beta1,
                beta2 = settings.Beta2,
                eps = settings.Epsilon,
                weight_decay = role.WeightDecay,
                amsgrad = false,
                maximize = false,
            });
            _groups.Add(new Group(role, [.. role.Parameters.Select(p => new Slot(p.Parameter, null))], torchGroup));
        }
        _adam = optim.AdamW(_groups.Select(g => g.TorchGroup!), lr: settings.LearningRate, beta1: settings.Beta1, beta2: settings.Beta2, eps: settings.Epsilon);
        RefreshStates();
    }

    public IReadOnlyList<ParameterGroupInfo> Groups =>
        [.. _groups.Select(g => new ParameterGroupInfo(g.Role.Role, g.Slots.Count, g.Role.BaseLearningRate, g.LearningRate, g.Role.WeightDecay))];

    IEnumerable<Slot> Slots => _groups.SelectMany(g => g.Slots);

    /// <summary>Sets every group's LR to its own base LR times <paramref name="multiplier"/>.</summary>
    public void ApplyMultiplier(double multiplier)
    {
        foreach (var g in _groups)
        {
            g.LearningRate = g.Role.BaseLearningRate * multiplier;
            if (g.TorchGroup is { } torchGroup) torchGroup.LearningRate = g.LearningRate;
        }
    }

    /// <summary>
    /// Clips the global gradient norm to <paramref name="maxNorm"/> and returns the norm before clipping; ≤ 0 turns
    /// clipping off and returns 0. With masters it first copies the bf16 gradients to fp32 (a missing one as zeros) and
    /// clips those as clip_grad_norm_ does.
    /// </summary>
    public double ClipGradients(double maxNorm)
    {
        if (_adam is not null)
            return maxNorm > 0 ? nn.utils.clip_grad_norm_(Slots.Select(s => s.Weight), maxNorm) : 0.0;
        using var scope = NewDisposeScope();
        using (no_grad())
            foreach (var slot in Slots)
                if (slot.Weight.grad is { } grad) slot.Gradient!.copy_(grad);
                else slot.Gradient!.zero_();
        if (maxNorm <= 0) return 0;
        double norm = Math.Sqrt(Slots.Sum(s => s.Gradient!.Squared().sum().item<float>()));
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            using Scalar scale = coefficient.ToScalar();
            foreach (var slot in Slots) slot.Gradient!.mul_(scale);
        }
        return norm;
    }

    /// <summary>Decoupled decay × LR, then the bias-corrected moment update; with masters, the bf16 weights are rounded from them after.</summary>
    public void Step()
    {
        _step++;
        double b1 = _settings.Beta1, b2 = _settings.Beta2;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using Scalar beta1 = b1.ToScalar(), beta2 = b2.ToScalar(), oneMinusBeta1 = (1 - b1).ToScalar(),
            oneMinusBeta2 = (1 - b2).ToScalar(), epsilon = _settings.Epsilon.ToScalar();
        foreach (var group in _groups)
        {
            double lr = group.LearningRate;
            using Scalar decay = (1 - lr * group.Role.WeightDecay).ToScalar();
            foreach (var slot in group.Slots)
            {
                // TorchSharp's state counts each parameter's steps (one without a gradient is skipped); masters step together.
                var (target, gradient) = slot.Master is { } master ? (master, slot.Gradient) : ((Tensor)slot.Weight, slot.Weight.grad);
                if (gradient is null) continue;
                long step = slot.State is { } state ? ++state.step : _step;
                Tensor firstMoment = slot.State?.exp_avg ?? slot.FirstMoment!, secondMoment = slot.State?.exp_avg_sq ?? slot.SecondMoment!;
                target.mul_(decay);
                double correction1 = 1 - Math.Pow(b1, step), correction2 = 1 - Math.Pow(b2, step);
                firstMoment.mul_(beta1).add_(gradient, alpha: oneMinusBeta1);
                secondMoment.mul_(beta2).addcmul_(gradient, gradient, value: oneMinusBeta2);
                using Scalar rootCorrection2 = Math.Sqrt(correction2).ToScalar(), stepSize = (-lr / correction1).ToScalar();
                var denominator = secondMoment.sqrt().div_(rootCorrection2).add_(epsilon, LiveScalars.One);
                target.addcdiv_(firstMoment, denominator, value: stepSize);
                if (slot.Master is not null) slot.Weight.copy_(slot.Master);
            }
        }
    }

    public void Save(BinaryWriter writer)
    {
        if (_adam is not null)
        {
            _adam.save_state_dict(writer);
            return;
        }
        writer.Write(_step);
        foreach (var slot in Slots)
        {
            slot.Master!.Save(writer);
            slot.FirstMoment!.Save(writer);
            slot.SecondMoment!.Save(writer);
        }
    }

    /// <summary>Restores the moments, and with masters the masters and the bf16 weights from them.</summary>
    public void Load(BinaryReader reader)
    {
        if (_adam is not null)
        {
            _adam.load_state_dict(reader);
            RefreshStates();
            return;
        }
        _step = reader.ReadInt64();
        using var _ = no_grad();
        foreach (var slot in Slots)
        {
            slot.Master!.Load(reader);
            slot.FirstMoment!.Load(reader);
            slot.SecondMoment!.Load(reader);
            slot.Weight.copy_(slot.Master!);
        }
    }

    // TorchSharp's state lists every parameter's moments in group order.
    void RefreshStates()
    {
        using var states = _adam!.state_dict().State.Cast<AdamW.State>().GetEnumerator();
        foreach (var slot in Slots)
        {
            states.MoveNext();
            slot.State = states.Current;
        }
    }

    public void Dispose()
    {
        _adam?.Dispose();
        foreach (var slot in Slots)
        {
            slot.Master?.Dispose();
            slot.Gradient?.Dispose();
            slot.FirstMoment?.Dispose();
            slot.SecondMoment?.Dispose();
        }
    }
}
