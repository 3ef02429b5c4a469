using System.Text;

namespace NanoLM.Report;

/// <summary>Appends a line ended by "\n" on every OS, so a report's bytes do not depend on where it was written.</summary>
internal static class TextLines
{
    public static StringBuilder Line(this StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
