using System.Globalization;
using System.Text;

namespace NanoLM.Store;

/// <summary>
/// `--where` for `runs list` and `runs export`: clauses <c>FIELD OP VALUE</c> joined by <c>and</c>, where FIELD is a run
/// column (<see cref="RunFields.Columns"/>) or a setting ("optimizer.lr"), OP is one of = != &lt; &lt;= &gt; &gt;=, and
/// VALUE a number, a bare word or a quoted string. Numbers compare as numbers, anything else as exact text.
/// </summary>
/// <remarks>
/// Runs are filtered in memory after they are read, so no part of the expression ever reaches SQL: text that is not
/// this grammar (a semicolon, a keyword it does not know) is an error that names the column it stopped at.
/// </remarks>
public sealed class RunFilter
{
    public static readonly string[] Operators = ["=", "!=", "<", "<=", ">", ">="];

    readonly IReadOnlyList<(string Field, string Operator, string Value)> clauses;

    RunFilter(IReadOnlyList<(string, string, string)> clauses) => this.clauses = clauses;

    /// <param name="settingKeys">The settings the store's runs have, which are fields besides the columns.</param>
    public static RunFilter Parse(string expression, IReadOnlyCollection<string> settingKeys)
    {
        var tokens = Tokenize(expression);
        var clauses = new List<(string, string, string)>();
        int i = 0;
        (string Text, int Column, bool Quoted) Next(string expected)
        {
            if (i >= tokens.Count) throw Error(expression, $"it ends where {expected} should follow");
            return tokens[i++];
        }
        while (true)
        {
            var field = Next("a field");
            if (field.Quoted)
                throw Error(expression, $"a field is not quoted: write {field.Text}, not '{field.Text}' (column {field.Column}); only a value may be");
            if (!RunFields.Has(field.Text, settingKeys))
                throw Error(expression, $"unknown field '{field.Text}' at column {field.Column}{RunFields.Unknown(field.Text, settingKeys)}");
            var op = Next("an operator");
            if (op.Quoted || !Operators.Contains(op.Text))
                throw Error(expression, $"'{op.Text}' at column {op.Column} is not an operator; use one of {string.Join(" ", Operators)}");
            var value = Next("a value");
            if (!value.Quoted && Operators.Contains(value.Text) && value.Column == op.Column + op.Text.Length)
                throw Error(expression, $"'{op.Text}{value.Text}' at column {op.Column} is not an operator; use one of {string.Join(" ", Operators)}");
            if (!value.Quoted && (Operators.Contains(value.Text) || value.Text.Equals("and", StringComparison.OrdinalIgnoreCase)))
                throw Error(expression, $"'{value.Text}' at column {value.Column} is not a value; quote it to compare with it as text");
            if (op.Text is not ("=" or "!=") && !IsNumber(value.Text))
                throw Error(expression, $"'{op.Text}' needs a number, not '{value.Text}' (column {value.Column})");
            clauses.Add((field.Text, op.Text, value.Text));
            if (i == tokens.Count) return new RunFilter(clauses);
            var joint = tokens[i++];
            if (joint.Quoted || !joint.Text.Equals("and", StringComparison.OrdinalIgnoreCase))
                throw Error(expression, $"expected 'and' at column {joint.Column}, found '{joint.Text}'");
        }
    }

    public bool Matches(RunRecord run, IReadOnlyDictionary<string, string> settings) => clauses.All(clause =>
    {
        string? actual = RunFields.Value(run, settings, clause.Field);
        if (actual is null) return clause.Operator == "!=";
        if (IsNumber(actual) && IsNumber(clause.Value))
        {
            int order = double.Parse(actual, CultureInfo.InvariantCulture).CompareTo(double.Parse(clause.Value, CultureInfo.InvariantCulture));
            return clause.Operator switch
            {
                "=" => order == 0,
                "!=" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        }
        // Text compares only for equality; an ordering against text was refused when parsing.
        bool equal = string.Equals(actual, clause.Value, StringComparison.Ordinal);
        return clause.Operator switch { "=" => equal, "!=" => !equal, _ => false };
    });

    /// <summary>The runs the expression keeps, in their order; every run when it is null.</summary>
    public static IReadOnlyList<RunRecord> Apply(IReadOnlyList<RunRecord> runs, string? expression)
    {
        if (expression is null) return runs;
        var settings = new RunSettingsTable(runs);
        var filter = Parse(expression, settings.KeySet);
        return [.. runs.Where((run, i) => filter.Matches(run, settings.Row(i)))];
    }

    static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);

    static List<(string Text, int Column, bool Quoted)> Tokenize(string expression)
    {
        var tokens = new List<(string, int, bool)>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            int column = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '\'' or '"')
            {
                int end = expression.IndexOf(c, i + 1);
                if (end < 0) throw Error(expression, $"the quote at column {column} is never closed");
                tokens.Add((expression[(i + 1)..end], column, true));
                i = end + 1;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                string op = i + 1 < expression.Length && expression[i + 1] == '=' ? expression.Substring(i, 2) : c.ToString();
                if (op == "!") throw Error(expression, $"'!' at column {column} is not an operator; use !=");
                tokens.Add((op, column, false));
                i += op.Length;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+')
            {
                var word = new StringBuilder();
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] is '_' or '.' or '-' or '+'))
                    word.Append(expression[i++]);
                tokens.Add((word.ToString(), column, false));
            }
            else throw Error(expression, $"unexpected '{c}' at column {column}; a filter is FIELD OP VALUE clauses joined by 'and'");
        }
        if (tokens.Count == 0) throw Error(expression, "it is empty; a filter is FIELD OP VALUE clauses joined by 'and', e.g. \"stage = ladder and width >= 64\"");
        return tokens;
    }

    static UserError Error(string expression, string message) => new($"--where \"{expression}\": {message}");
}
