using NanoLM.Spec;

namespace NanoLM.Quickstart;

/// <summary>Writes the quickstart's experiment folder from the template; a file that exists is never overwritten, so a rerun keeps the user's edits.</summary>
public static class QuickstartScaffold
{
    public static ScaffoldResult Write(string directory, ExperimentTemplate template, QuickstartDesign design)
    {
        if (File.Exists(directory)) throw new UserError($"{directory} is a file; pass --dir a folder");
        Directory.CreateDirectory(directory);
        var (written, kept) = (new List<string>(), new List<string>());
        foreach (var file in template.Instantiate(design.Name, design.SymbolValues))
        {
            string path = Path.Combine(directory, file.Path);
            if (File.Exists(path))
            {
                kept.Add(file.Path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            written.Add(file.Path);
        }
        return new ScaffoldResult(Path.Combine(directory, SpecLoader.DefaultFileName), written, kept);
    }
}
