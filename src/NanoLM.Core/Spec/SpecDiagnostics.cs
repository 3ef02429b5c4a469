namespace NanoLM.Spec;

/// <summary>Collects diagnostics while a spec is read and remembers where each key path sits in the file.</summary>
internal sealed class SpecDiagnostics(string file)
{
    readonly Dictionary<string, (int Line, int Column)> locations = new(StringComparer.Ordinal);

    public string File { get; } = file;
    public List<Diagnostic> Items { get; } = [];

    public void Remember(string path, int line, int column) => locations.TryAdd(path, (line, column));

    /// <summary>Whether the file wrote <paramref name="path"/> itself (rather than leaving it to a default).</summary>
    public bool Written(string path) => locations.ContainsKey(path);

    /// <summary>The position of <paramref name="path"/>, else of its nearest written ancestor, else the file start.</summary>
    public (int Line, int Column) Locate(string path)
    {
        for (string? p = path; !string.IsNullOrEmpty(p); p = Parent(p))
            if (locations.TryGetValue(p, out var at)) return at;
        return (1, 1);
    }

    public void Error(string code, string path, string message) => Add(code, DiagnosticSeverity.Error, Locate(path), message);
    public void Warning(string code, string path, string message) => Add(code, DiagnosticSeverity.Warning, Locate(path), message);
    public void Error(string code, (int Line, int Column) at, string message) => Add(code, DiagnosticSeverity.Error, at, message);

    void Add(string code, DiagnosticSeverity severity, (int Line, int Column) at, string message) =>
        Items.Add(new Diagnostic(code, severity, File, at.Line, at.Column, message));

    static string? Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? null : path[..cut];
    }
}
