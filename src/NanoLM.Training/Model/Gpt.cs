using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>GPT-2-style decoder with learned positions and an untied readout, initialised and scaled by μP or SP.</summary>
public sealed class Gpt : LanguageModel
{
    readonly Embedding wte;
    readonly Embedding wpe;
    readonly ModuleList<Block> blocks;
    readonly LayerNorm ln_f;
    readonly Linear head;
    readonly Scalar? _inputScale;
    readonly Scalar? _outputScale;

    /// <summary>Builds and initialises the model; the same config and seed always give the same weights, whatever else runs.</summary>
    public Gpt(ModelConfig config, long seed) : base(nameof(Gpt), config)
    {
        wte = Embedding(config.VocabularySize, config.Width);
        wpe = Embedding(config.SequenceLength, config.Width);
        blocks = new ModuleList<Block>(Enumerable.Range(0, config.Depth).Select(_ => new Block(config)).ToArray());
        ln_f = LayerNorm(config.Width);
        head = Linear(config.Width, config.VocabularySize, hasBias: false);
        _inputScale = LiveScalars.ScaleOrNull(config.InputMultiplier);
        _outputScale = LiveScalars.ScaleOrNull(MuPRules.OutputScale(config));
        RegisterComponents();
        // A private generator: the draws depend only on the seed, not on what else touched torch's global RNG.
        using var generator = new Generator((ulong)seed);
        Initialise(generator);
    }

    public override IReadOnlyList<(string Name, Parameter Parameter, ParameterRole Role)> ParametersWithRoles() =>
        named_parameters().Select(p => (p.name, p.parameter, RoleOf(p.name, p.parameter))).ToList();

    public override Tensor Forward(Tensor tokens, ActivationProbe? probe)
    {
        using var scope = NewDisposeScope();
        long time = tokens.shape[1];
        using Scalar first = 0L.ToScalar(), end = time.ToScalar(), stride = 1L.ToScalar();
        var positions = arange(first, end, stride, ScalarType.Int64, tokens.device);
        var tokenEmbedding = wte.forward(tokens);
        if (_inputScale is not null) tokenEmbedding = tokenEmbedding.mul(_inputScale);
        var x = tokenEmbedding.Plus(wpe.forward(positions));
        probe?.Record("embedding", x);
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].Forward(x, probe, $"block{i}");
        x = ln_f.forward(x);
        if (_outputScale is not null) x = x.mul(_outputScale);
        var logits = head.forward(x);
        probe?.Record("logits", logits);
        return logits.MoveToOuterDisposeScope();
    }

    void Initialise(Generator generator)
    {
        using var _ = no_grad();
        foreach (var (name, parameter, role) in ParametersWithRoles())
        {
            if (role == ParameterRole.Vector)
            {
                // LayerNorm gains start at 1, every bias at 0.
                if (name.EndsWith(".bias", StringComparison.Ordinal)) parameter.zero_();
                else parameter.fill_(LiveScalars.One);
                continue;
            }
            double std = MuPRules.InitStd(role, Config);
            if (std == 0) parameter.zero_();
            else parameter.normal_(0, std, generator);
        }
        if (Config.ZeroInitQueryAndReadout)
            foreach (var block in blocks)
                // The first Width rows of the fused QKV weight produce the queries.
                block.Attention.Qkv.weight!.narrow(0, 0, Config.Width).zero_();
    }

    static ParameterRole RoleOf(string name, Parameter parameter)
    {
        if (name.StartsWith("wte.", StringComparison.Ordinal) || name.StartsWith("wpe.", StringComparison.Ordinal))
            return ParameterRole.Embedding;
        if (name.StartsWith("head.", StringComparison.Ordinal)) return ParameterRole.Readout;
        if (parameter.dim() < 2) return ParameterRole.Vector;
        if (name.EndsWith("attn.qkv.weight", StringComparison.Ordinal) || name.EndsWith("mlp.fc.weight", StringComparison.Ordinal))
            return ParameterRole.Hidden;
        if (name.EndsWith("attn.proj.weight", StringComparison.Ordinal) || name.EndsWith("mlp.proj.weight", StringComparison.Ordinal))
            return ParameterRole.ResidualOutput;
        throw new InvalidOperationException($"No μP role for parameter {name}.");
    }
}
