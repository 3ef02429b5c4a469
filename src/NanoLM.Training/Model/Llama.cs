using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>
/// Llama-style decoder: RMSNorm, SwiGLU, rotary positions, no biases, an untied readout; initialised and scaled by μP or
/// SP with GPT's rules (RMSNorm gains are vectors, SwiGLU's matrices hidden, W_down and the attention output residual).
/// </summary>
public sealed class Llama : LanguageModel
{
    readonly Embedding wte;
    readonly ModuleList<LlamaBlock> blocks;
    readonly RmsNorm norm;
    readonly Linear head;
    readonly Scalar? _inputScale;
    readonly Scalar? _outputScale;

    /// <summary>Builds and initialises the model; the same config and seed always give the same weights, whatever else runs.</summary>
    public Llama(ModelConfig config, long seed) : base(nameof(Llama), config)
    {
        wte = Embedding(config.VocabularySize, config.Width);
        blocks = new ModuleList<LlamaBlock>(Enumerable.Range(0, config.Depth).Select(_ => new LlamaBlock(config)).ToArray());
        norm = new RmsNorm(config.Width);
        head = Linear(config.Width, config.VocabularySize, hasBias: false);
        _inputScale = LiveScalars.ScaleOrNull(config.InputMultiplier);
        _outputScale = LiveScalars.ScaleOrNull(MuPRules.OutputScale(config));
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        Initialise(generator);
    }

    public override IReadOnlyList<(string Name, Parameter Parameter, ParameterRole Role)> ParametersWithRoles() =>
        named_parameters().Select(p => (p.name, p.parameter, RoleOf(p.name, p.parameter))).ToList();

    public override Tensor Forward(Tensor tokens, ActivationProbe? probe)
    {
        using var scope = NewDisposeScope();
        var x = wte.forward(tokens);
        if (_inputScale is not null) x = x.mul(_inputScale);
        probe?.Record("embedding", x);
        // One pair of tables per pass, shared by every layer; positions live only in the rotation of q and k.
        var (cos, sin) = RotaryEmbedding.Tables(tokens.shape[1], Config.HeadDim, tokens.device, wte.weight!.dtype);
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].Forward(x, cos, sin, probe, $"block{i}");
        x = norm.forward(x);
        if (_outputScale is not null) x = x.mul(_outputScale);
        var logits = head.forward(x);
        probe?.Record("logits", logits);
        return logits.MoveToOuterDisposeScope();
    }

    void Initialise(Generator generator)
    {
        using var _ = no_grad();
        foreach (var (_, parameter, role) in ParametersWithRoles())
        {
            // RMSNorm gains start at 1; there are no biases.
            if (role == ParameterRole.Vector) parameter.fill_(LiveScalars.One);
            else if (MuPRules.InitStd(role, Config) is var std && std > 0) parameter.normal_(0, std, generator);
            else parameter.zero_();
        }
        if (Config.ZeroInitQueryAndReadout)
            foreach (var block in blocks)
                block.Attention.Qkv.weight!.narrow(0, 0, Config.Width).zero_();
    }

    static ParameterRole RoleOf(string name, Parameter parameter)
    {
        if (name.StartsWith("wte.", StringComparison.Ordinal)) return ParameterRole.Embedding;
        if (name.StartsWith("head.", StringComparison.Ordinal)) return ParameterRole.Readout;
        if (parameter.dim() < 2) return ParameterRole.Vector;
        if (name.EndsWith("attn.qkv.weight", StringComparison.Ordinal) || name.EndsWith("mlp.gate_up.weight", StringComparison.Ordinal))
            return ParameterRole.Hidden;
        if (name.EndsWith("attn.proj.weight", StringComparison.Ordinal) || name.EndsWith("mlp.down.weight", StringComparison.Ordinal))
            return ParameterRole.ResidualOutput;
        throw new InvalidOperationException($"No μP role for parameter {name}.");
    }
}
