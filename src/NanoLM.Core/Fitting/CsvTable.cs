namespace NanoLM.Fitting;

/// <summary>A CSV file with a header: column names and, per data row, its cells and its line number in the file.</summary>
public sealed class CsvTable
{
    public required string Path { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<(int Line, string[] Cells)> Rows { get; init; }

    public int IndexOf(string column) =>
        Columns.ToList().FindIndex(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));

    public bool Has(string column) => IndexOf(column) >= 0;

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path}: file not found");
        if (!TextFile.TryDecode(File.ReadAllBytes(path), out string? text, out var notText))
            throw new UserError($"{path}:{notText.Line}: not a CSV text file: {notText}; expected UTF-8 text with a header line such as 'params,tokens,loss'");
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        int headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0) throw new UserError($"{path}: the file is empty; expected a header line such as 'params,tokens,loss'");
        var columns = Split(lines[headerIndex]).Select(c => c.Trim()).ToArray();
        var rows = new List<(int, string[])>();
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = Split(lines[i]);
            if (cells.Length != columns.Length)
                throw new UserError($"{path}:{i + 1}: {cells.Length} cells, but the header has {columns.Length} columns");
            rows.Add((i + 1, cells));
        }
        return new CsvTable { Path = path, Columns = columns, Rows = rows };
    }

    // Commas split cells except inside double quotes; a doubled quote inside quotes is a literal quote.
    static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
