using NanoLM.Training.Model;
using TorchSharp.Modules;

namespace NanoLM.Training.Optimization;

/// <summary>One μP optimizer group: the parameters of one role, with that role's base LR and AdamW weight_decay.</summary>
public sealed record RoleGroup(ParameterRole Role, double BaseLearningRate, double WeightDecay, IReadOnlyList<(string Name, Parameter Parameter)> Parameters)
{
    /// <summary>The model's parameters grouped by role, in role order, each group with its μP LR factor and decay.</summary>
    public static IReadOnlyList<RoleGroup> Of(LanguageModel model, AdamWSettings settings) =>
        [.. model.ParametersWithRoles().GroupBy(p => p.Role).OrderBy(g => g.Key).Select(byRole =>
        {
            double baseLr = settings.LearningRate * MuPRules.LearningRateFactor(byRole.Key, model.Config);
            double decay = MuPRules.WeightDecay(byRole.Key, model.Config, settings.WeightDecay, baseLr);
            return new RoleGroup(byRole.Key, baseLr, decay, [.. byRole.Select(p => (p.Name, p.Parameter))]);
        })];
}
