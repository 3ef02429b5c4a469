using NanoLM.Spec;

namespace NanoLM.Quickstart;

/// <summary>What scaffolding did: the files it wrote, and the ones it found already there and left alone.</summary>
public sealed record ScaffoldResult(string SpecPath, IReadOnlyList<string> Written, IReadOnlyList<string> Kept)
{
    /// <summary>True when nanolm.yaml was there before: the quickstart then runs the user's experiment as it is.</summary>
    public bool KeptSpec => Kept.Contains(SpecLoader.DefaultFileName);
}
