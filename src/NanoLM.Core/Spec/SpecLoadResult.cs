namespace NanoLM.Spec;

/// <summary>The outcome of reading a nanolm.yaml: the spec when it has no errors, and every diagnostic in file order.</summary>
public sealed record SpecLoadResult(ExperimentSpec? Spec, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Spec is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warnings to print on their own: none when the spec failed, since <see cref="SpecOrThrow"/> lists them among its errors in file order.</summary>
    public IEnumerable<Diagnostic> Warnings => Succeeded ? Diagnostics.Where(d => !d.IsError) : [];

    /// <summary>The spec, or a <see cref="UserError"/> listing every diagnostic one per line.</summary>
    public ExperimentSpec SpecOrThrow() =>
        Spec ?? throw new UserError($"the experiment spec has {Errors.Count()} error(s):{Environment.NewLine}" +
                                    string.Join(Environment.NewLine, Diagnostics));
}
