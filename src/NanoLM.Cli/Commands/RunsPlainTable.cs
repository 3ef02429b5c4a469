namespace NanoLM.Cli.Commands;

/// <summary>Left-aligned columns separated by two spaces: the `runs list` layout for thousands of rows.</summary>
internal static class RunsPlainTable
{
    /// <summary>The widest cell of each column, headers included.</summary>
    public static int[] ColumnWidths(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
            for (int c = 0; c < widths.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        return widths;
    }

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = ColumnWidths(headers, rows);

        // One write for the whole table: the console's writer flushes every call, a system call per line.
        var text = new System.Text.StringBuilder();
        void WriteRow(IReadOnlyList<string> cells)
        {
            for (int c = 0; c < cells.Count; c++)
            {
                text.Append(cells[c]);
                if (c < cells.Count - 1) text.Append(' ', widths[c] - cells[c].Length + 2);
            }
            text.Append(output.NewLine);
        }

        WriteRow(headers);
        WriteRow(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) WriteRow(row);
        output.Write(text.ToString());
    }
}
