using System.CommandLine;
using NanoLM.Spec;

namespace NanoLM.Cli;

/// <summary>
/// An option whose value is one member of an enum, written as nanolm.yaml writes it (<see cref="ChoiceName.Of"/>:
/// lowercase, kebab case), so commands get the enum and never compare strings.
/// </summary>
static class ChoiceOption
{
    /// <summary>
    /// A choice with a default. Help writes the default as a user types it ("params"; System.CommandLine would print
    /// the enum's "Params"), so the option stays null when not given and <see cref="WithDefault{T}.ValueIn"/> applies it.
    /// </summary>
    /// <param name="among">The members offered (default: all), in the order help lists them.</param>
    public static WithDefault<T> Create<T>(string name, string description, T defaultValue, IReadOnlyList<T>? among = null) where T : struct, Enum =>
        new(Optional(name, $"{description} [default: {ChoiceName.Of(defaultValue)}]", among), defaultValue);

    public sealed record WithDefault<T>(Option<T?> Option, T Default) where T : struct, Enum
    {
        public T ValueIn(ParseResult parsed) => parsed.GetValue(Option) ?? Default;
    }

    /// <summary>A choice that is null when not given (the spec's value then stands).</summary>
    public static Option<T?> Optional<T>(string name, string description, IReadOnlyList<T>? among = null) where T : struct, Enum
    {
        var choices = among ?? Enum.GetValues<T>();
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join("|", choices.Select(ChoiceName.Of)),
            CustomParser = result => Parse(result, choices),
        };
        option.CompletionSources.Add([.. choices.Select(ChoiceName.Of)]);
        return option;
    }

    static T Parse<T>(System.CommandLine.Parsing.ArgumentResult result, IReadOnlyList<T> choices) where T : struct, Enum
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (ChoiceName.TryParse(text, choices, StringComparison.OrdinalIgnoreCase, out var choice)) return choice;
        result.AddError($"'{text}' is not a choice of {((System.CommandLine.Parsing.OptionResult)result.Parent!).Option.Name}; " +
                        $"choose one of {string.Join(", ", choices.Select(ChoiceName.Of))}");
        return default;
    }
}
