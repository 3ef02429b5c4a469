using System.Text;
using System.Text.RegularExpressions;

namespace NanoLM.Tests.Docs;

/// <summary>
/// The README and every page under docs/, examples/, templates/ and bench/ link only to files that exist and to headings
/// those files have, so a moved page or a renamed section fails here instead of on a reader.
/// </summary>
public partial class DocumentationLinkTests
{
    static readonly string Root = RepositoryRoot();

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Tool.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("Tool.sln not found above the test assembly");
    }

    static IEnumerable<string> Pages()
    {
        yield return Path.Combine(Root, "README.md");
        foreach (string folder in new[] { "docs", "examples", "templates", "bench" })
            foreach (string page in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.md", SearchOption.AllDirectories))
                if (!Path.GetRelativePath(Root, page).Split(Path.DirectorySeparatorChar).Any(IsBuildOrHidden))
                    yield return page;
    }

    static bool IsBuildOrHidden(string part) => part.StartsWith('.') || part is "bin" or "obj" || part.StartsWith("bin.") || part.StartsWith("obj.");

    [Fact]
    public void Every_relative_link_resolves_to_a_file_and_a_heading()
    {
        var broken = new List<string>();
        foreach (string page in Pages())
            foreach (var (line, target) in Links(File.ReadAllLines(page)))
                if (Problem(page, target) is { } problem)
                    broken.Add($"{Path.GetRelativePath(Root, page)}:{line}: ({target}) {problem}");
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void The_readme_stays_a_guide_of_at_most_220_lines()
    {
        int lines = File.ReadAllLines(Path.Combine(Root, "README.md")).Length;
        Assert.True(lines <= 220, $"README.md has {lines} lines; move studies and reference material to docs/ and link them");
    }

    [Theory]
    [InlineData("Goals the design is held to", "goals-the-design-is-held-to")]
    [InlineData("`data`", "data")]
    [InlineData("Numbers (default options, seed 0; 4 000 000 train and 262 144 validation bytes)", "numbers-default-options-seed-0-4-000-000-train-and-262-144-validation-bytes")]
    [InlineData("μP, as `MuPRules` (Training/Model) applies it", "μp-as-muprules-trainingmodel-applies-it")]
    public void Anchors_are_made_from_headings_as_GitHub_makes_them(string heading, string anchor) =>
        Assert.Equal(anchor, Anchor(heading));

    [Fact]
    public void Links_inside_code_are_not_links()
    {
        string[] lines = ["see [a](a.md) and `[b](b.md)`", "", "    [c](c.md)", "```", "[d](d.md)", "```", "[e](https://example.com)"];
        Assert.Equal([(1, "a.md")], Links(lines).ToList());
    }

    /// <summary>Relative link targets outside code blocks and code spans, with their line numbers.</summary>
    static IEnumerable<(int Line, string Target)> Links(IReadOnlyList<string> lines)
    {
        bool fenced = false;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```")) { fenced = !fenced; continue; }
            if (fenced || line.StartsWith("    ") || line.StartsWith('\t')) continue;
            foreach (Match link in LinkPattern().Matches(CodeSpan().Replace(line, "")))
            {
                string target = link.Groups[1].Value;
                if (!Uri.TryCreate(target, UriKind.Absolute, out _)) yield return (i + 1, target);
            }
        }
    }

    static string? Problem(string page, string target)
    {
        int hash = target.IndexOf('#');
        string file = hash < 0 ? target : target[..hash];
        string path = file.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(file)));
        if (!File.Exists(path) && !Directory.Exists(path)) return "no such file";
        if (hash < 0) return null;
        if (!path.EndsWith(".md", StringComparison.Ordinal)) return "an anchor into a file that is not Markdown";
        string anchor = target[(hash + 1)..];
        return Anchors(File.ReadAllLines(path)).Contains(anchor) ? null : $"no heading makes the anchor '{anchor}'";
    }

    /// <summary>GitHub's anchors: each heading's slug, with -1, -2 … after repeats.</summary>
    static HashSet<string> Anchors(IEnumerable<string> lines)
    {
        var anchors = new HashSet<string>();
        var seen = new Dictionary<string, int>();
        bool fenced = false;
        foreach (string line in lines)
        {
            if (line.TrimStart().StartsWith("```")) { fenced = !fenced; continue; }
            if (fenced || Heading().Match(line) is not { Success: true } heading) continue;
            string slug = Anchor(heading.Groups[1].Value);
            int repeats = seen.GetValueOrDefault(slug);
            seen[slug] = repeats + 1;
            anchors.Add(repeats == 0 ? slug : $"{slug}-{repeats}");
        }
        return anchors;
    }

    /// <summary>Lower case; letters, digits, '-' and '_' kept; spaces become '-'; everything else dropped.</summary>
    static string Anchor(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.Trim().ToLowerInvariant())
            if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
            else if (c == ' ') slug.Append('-');
        return slug.ToString();
    }

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();
}
