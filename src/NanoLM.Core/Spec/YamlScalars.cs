using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NanoLM.Spec;

/// <summary>YAML 1.2 core-schema reading of plain scalars; a quoted scalar is always a string.</summary>
internal static class YamlScalars
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    public static bool TryInteger(YamlNode node, out long value)
    {
        value = 0;
        if (!IsPlain(node, out string text)) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        // `steps: 1e4` is an integer written in scientific notation; accept it when it is whole.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return IsPlain(node, out string text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public static bool TryBool(YamlNode node, out bool value)
    {
        value = false;
        if (!IsPlain(node, out string text)) return false;
        if (text is "true" or "True" or "TRUE") { value = true; return true; }
        return text is "false" or "False" or "FALSE";
    }

    /// <summary>How a node reads in an error message: "a list", "a mapping", "the string "x"", "abc".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };

    /// <summary>A plain (unquoted) scalar's trimmed text; false for quoted scalars, lists and mappings.</summary>
    public static bool IsPlain(YamlNode node, out string text)
    {
        text = "";
        if (node is not YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } value }) return false;
        text = value.Trim();
        return true;
    }
}
