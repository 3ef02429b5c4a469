using System.Text.RegularExpressions;

namespace NanoLM.Tests.Docs;

/// <summary>
/// docs/architecture.md lists NanoLM.Core's rooms in the order they build on each other. These tests hold the code to
/// that page: every folder is listed, and no room imports one listed below it, so the order a reader learns is the order
/// the code keeps.
/// </summary>
public partial class ArchitectureRoomsTests
{
    static readonly string Root = DocumentationLinkTests.RepositoryRoot();
    static readonly string Core = Path.Combine(Root, "src", "NanoLM.Core");

    // The table's rows ("| `Spec/` | ..."), then the paragraph of rooms beside the flow.
    static (List<string> Ordered, List<string> Beside) Rooms()
    {
        string page = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        int start = page.IndexOf("## Rooms of NanoLM.Core", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no '## Rooms of NanoLM.Core' section");
        int end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = page[start..(end < 0 ? page.Length : end)];
        var ordered = TableRoom().Matches(section).Select(m => m.Groups[1].Value).ToList();
        int beside = section.IndexOf("Beside the flow", StringComparison.Ordinal);
        Assert.True(beside >= 0, "the rooms section names no rooms beside the flow");
        return (ordered, [.. BacktickedRoom().Matches(section[beside..]).Select(m => m.Groups[1].Value)]);
    }

    static IEnumerable<string> Folders() =>
        Directory.EnumerateDirectories(Core).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith("bin", StringComparison.Ordinal) && !name.StartsWith("obj", StringComparison.Ordinal) && !name.StartsWith('.'));

    [Fact]
    public void Every_folder_of_the_core_library_is_a_room_the_page_lists()
    {
        var (ordered, beside) = Rooms();
        Assert.True(ordered.Count >= 8, $"the rooms table lists {ordered.Count} rooms");
        Assert.Empty(Folders().Except(ordered).Except(beside));
        Assert.Empty(ordered.Concat(beside).Except(Folders()));
    }

    [Fact]
    public void No_room_imports_a_room_listed_below_it()
    {
        var (ordered, _) = Rooms();
        var backwards = new List<string>();
        foreach (string room in ordered)
            foreach (string file in Directory.EnumerateFiles(Path.Combine(Core, room), "*.cs", SearchOption.AllDirectories))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    if (Import().Match(lines[i]) is { Success: true } import && ordered.IndexOf(import.Groups[1].Value) > ordered.IndexOf(room))
                        backwards.Add($"{Path.GetRelativePath(Root, file)}:{i + 1}: {room} imports {import.Groups[1].Value}, listed below it");
            }
        Assert.True(backwards.Count == 0, string.Join(Environment.NewLine, backwards));
    }

    [GeneratedRegex(@"^\| `(\w+)/` \|", RegexOptions.Multiline)]
    private static partial Regex TableRoom();

    [GeneratedRegex(@"`(\w+)/`")]
    private static partial Regex BacktickedRoom();

    [GeneratedRegex(@"^using NanoLM\.(\w+)")]
    private static partial Regex Import();
}
