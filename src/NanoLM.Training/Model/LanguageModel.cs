using NanoLM.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>A decoder the trainer, the optimizer and the coord check can drive: tokens to logits, and every parameter's μP role.</summary>
public abstract class LanguageModel : Module<Tensor, Tensor>
{
    protected LanguageModel(string name, ModelConfig config) : base(name)
    {
        config.Validate();
        Config = config;
    }

    public ModelConfig Config { get; }

    /// <summary>The model <paramref name="config"/> describes, initialised from <paramref name="seed"/>.</summary>
    public static LanguageModel Create(ModelConfig config, long seed) => config.Family switch
    {
        ModelFamily.Llama => new Llama(config, seed),
        _ => new Gpt(config, seed),
    };

    /// <summary>Every parameter with its name and μP role, in registration order.</summary>
    public abstract IReadOnlyList<(string Name, Parameter Parameter, ParameterRole Role)> ParametersWithRoles();

    /// <summary>Logits of shape [batch, time, vocabulary]; a probe records mean |activation| of every module.</summary>
    public abstract Tensor Forward(Tensor tokens, ActivationProbe? probe);

    public override Tensor forward(Tensor tokens) => Forward(tokens, null);

    /// <summary>Mean next-token cross-entropy of <paramref name="tokens"/> against <paramref name="targets"/>.</summary>
    public Tensor Loss(Tensor tokens, Tensor targets, ActivationProbe? probe = null)
    {
        using var scope = NewDisposeScope();
        var logits = Forward(tokens, probe);
        // In fp32 whatever the model computes in: a bf16 log-softmax over the vocabulary would round the loss itself.
        var loss = functional.cross_entropy(logits.view(-1, Config.VocabularySize).to(ScalarType.Float32), targets.reshape(-1));
        return loss.MoveToOuterDisposeScope();
    }
}
