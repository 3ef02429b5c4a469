using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NanoLM.Spec;

/// <summary>
/// Reads and validates nanolm.yaml. Pure managed code (YamlDotNet only), so the CLI, tests and MSBuild tasks can get
/// the diagnostics without loading libtorch.
/// </summary>
public static class SpecLoader
{
    public const string DefaultFileName = "nanolm.yaml";

    /// <summary>Reads <paramref name="path"/>; diagnostics name the file as the caller wrote it.</summary>
    public static SpecLoadResult Load(string path, SpecLoadOptions? options = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var diagnostic = new Diagnostic(DiagnosticCodes.FileUnreadable, DiagnosticSeverity.Error, path, 1, 1, $"cannot read the spec: {e.Message}");
            return new SpecLoadResult(null, [diagnostic]);
        }
        if (!TextFile.TryDecode(bytes, out string? text, out var notText))
            return new SpecLoadResult(null, [NotTextDiagnostic(path, notText)]);
        return Parse(text, path, options);
    }

    /// <summary>
    /// The spec a command runs: each warning goes to <paramref name="warn"/> (commands print them to standard error, so
    /// --json output stays clean); a missing file or any error is a <see cref="UserError"/>.
    /// </summary>
    public static ExperimentSpec LoadOrThrow(string path, Action<Diagnostic> warn)
    {
        if (!File.Exists(path))
            throw new UserError($"{path} not found; create an experiment with `dotnet new nanolm-experiment` or pass -c PATH");
        var loaded = Load(path);
        foreach (var warning in loaded.Warnings)
            warn(warning);
        return loaded.SpecOrThrow();
    }

    /// <summary>Only the diagnostics, for build tasks and editors.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string path, SpecLoadOptions? options = null) => Load(path, options).Diagnostics;

    public static SpecLoadResult Parse(string yaml, string fileName = DefaultFileName, SpecLoadOptions? options = null)
    {
        var sink = new SpecDiagnostics(fileName);
        var root = ReadYaml(yaml, sink);
        if (root is null) return new SpecLoadResult(null, sink.Items);

        var spec = SpecReader.Read(root, sink);
        // Consistency checks on values that already failed would only repeat the same mistake in other words.
        if (!sink.Items.Any(d => d.IsError))
            SpecValidator.Validate(spec, sink, options ?? new SpecLoadOptions());

        var ordered = sink.Items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new SpecLoadResult(ordered.Any(d => d.IsError) ? null : spec, ordered);
    }

    static YamlMappingNode? ReadYaml(string yaml, SpecDiagnostics sink)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (Exception e) when (e is not YamlException)
        {
            // YamlDotNet's scanner throws InvalidOperationException (and has thrown others) on some broken flow
            // collections, e.g. an unclosed '[' followed by a key. It carries no position: point at the innermost
            // bracket still open, else after the last thing that parsed.
            if (parser.InnermostOpenBracket is { } open)
                sink.Error(DiagnosticCodes.YamlSyntax, YamlSection.Position(open.Start),
                    $"YAML syntax: this '{open.Bracket}' is never closed; add its '{(open.Bracket == '[' ? ']' : '}')}'");
            else
                sink.Error(DiagnosticCodes.YamlSyntax, YamlSection.Position(parser.LastParsedEnd),
                    "YAML syntax: the file cannot be read past this point; look for an unclosed '[', '{' or quote");
            return null;
        }
        catch (YamlException e)
        {
            bool duplicate = e.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase);
            string message = e.InnerException?.Message ?? e.Message;
            var at = TabInIndentation(yaml, message, (int)e.Start.Line) ?? YamlSection.Position(e.Start);
            sink.Error(duplicate ? DiagnosticCodes.DuplicateKey : DiagnosticCodes.YamlSyntax, at,
                duplicate ? "a key appears twice in the same mapping; keep one" : $"YAML syntax: {StripMark(message)}");
            return null;
        }

        // An empty file is far more often a mistake (a truncated copy, the wrong file) than a wish for every default.
        if (stream.Documents.Count == 0 || YamlScalars.IsNull(stream.Documents[0].RootNode))
        {
            sink.Error(DiagnosticCodes.EmptySpec, (1, 1),
                "the spec is empty (nothing but whitespace or comments); `dotnet new nanolm-experiment` writes a complete nanolm.yaml with every key explained, and `name: my-experiment` alone is enough to take every default");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            sink.Error(DiagnosticCodes.YamlSyntax, YamlSection.Position(stream.Documents[1].RootNode), "nanolm.yaml holds one document; remove the second '---'");
            return null;
        }
        if (stream.Documents[0].RootNode is YamlMappingNode mapping) return mapping;
        sink.Error(DiagnosticCodes.NotAMapping, YamlSection.Position(stream.Documents[0].RootNode),
            $"the spec must be a mapping of keys (name:, model:, train: …), not {YamlScalars.Describe(stream.Documents[0].RootNode)}");
        return null;
    }

    /// <summary>
    /// Remembers what parsed before the scanner failed without a position: the innermost '[' or '{' still open, else
    /// where the last event ended.
    /// </summary>
    sealed class TrackingParser(IParser inner) : IParser
    {
        readonly Stack<(char? Bracket, Mark Start)> _open = new();

        public Mark LastParsedEnd { get; private set; } = new(0, 1, 1);

        /// <summary>The innermost '[' or '{' not yet closed (block collections have no bracket).</summary>
        public (char Bracket, Mark Start)? InnermostOpenBracket =>
            _open.Where(c => c.Bracket is not null).Select(c => ((char, Mark)?)(c.Bracket!.Value, c.Start)).FirstOrDefault();

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved = inner.MoveNext();
            switch (moved ? inner.Current : null)
            {
                case SequenceStart start: _open.Push((start.Style == SequenceStyle.Flow ? '[' : null, start.Start)); break;
                case MappingStart start: _open.Push((start.Style == MappingStyle.Flow ? '{' : null, start.Start)); break;
                case SequenceEnd or MappingEnd when _open.Count > 0: _open.Pop(); break;
            }
            if (moved && inner.Current is { } parsed) LastParsedEnd = parsed.End;
            return moved;
        }
    }

    // YamlDotNet reports a tab in the indentation at the start of the mapping it was scanning, often line 1; the tab
    // itself is what the user has to find.
    static (int Line, int Column)? TabInIndentation(string yaml, string message, int fromLine)
    {
        if (!message.Contains("tab", StringComparison.OrdinalIgnoreCase)) return null;
        string[] lines = yaml.Split('\n');
        for (int i = Math.Max(fromLine, 1) - 1; i < lines.Length; i++)
        {
            int indent = 0;
            while (indent < lines[i].Length && lines[i][indent] is ' ' or '\t')
            {
                if (lines[i][indent] == '\t') return (i + 1, indent + 1);
                indent++;
            }
        }
        return null;
    }

    static Diagnostic NotTextDiagnostic(string path, TextFile.NotText notText) =>
        new(DiagnosticCodes.NotText, DiagnosticSeverity.Error, path, notText.Line, notText.Column,
            $"not a text file: {notText}; nanolm.yaml is YAML text in UTF-8 (`dotnet new nanolm-experiment` writes one)");

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: …) - (…): "; the diagnostic already says where.
    static string StripMark(string message)
    {
        int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
