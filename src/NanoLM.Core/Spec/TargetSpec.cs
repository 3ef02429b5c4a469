namespace NanoLM.Spec;

/// <summary>One `targets:` entry: a model to predict, by width or by non-embedding parameter count; verify trains it.</summary>
public sealed record TargetSpec(int? Width, long? Params, bool Verify);
