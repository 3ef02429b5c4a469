using System.CommandLine;
using System.Globalization;
using NanoLM.CoordCheck;
using NanoLM.Spec;
using NanoLM.Training.CoordCheck;
using NanoLM.Training.Model;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm coord-check`: trains a few steps at several widths and checks that activations stay flat under μP.</summary>
public static class CoordCheckCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var widths = new Option<string>("--widths") { Description = "Comma-separated widths, smallest first is d0 unless --base-width is given.", DefaultValueFactory = _ => "64,128,256,512" };
        var steps = new Option<int>("--steps") { Description = "Training steps on one fixed batch at each width.", DefaultValueFactory = _ => 4 };
        var family = ChoiceOption.Create("--family", "gpt or llama (model.family).", Spec.ModelFamily.Gpt);
        var parametrization = ChoiceOption.Create("--parametrization", "mup or sp.", Parametrization.Mup);
        var output = new Option<string>("--out") { Description = "Folder for the SVG plots (one per step).", DefaultValueFactory = _ => "coord-check" };
        var maxSlope = new Option<double>("--max-slope") { Description = "Largest |log-log slope| of mean |activation| vs width that μP may show (measured at the defaults: μP ≤ 0.24, SP ≥ 0.76).", DefaultValueFactory = _ => CoordCheckVerdict.DefaultMaxSlope };
        // SwiGLU multiplies two updated projections, so at 1e-2 Llama's MLP output shrinks with width below ~1 000 (slope
        // −0.54 at step 3 at the defaults, −0.24 at widths 128–1024): a large-step finite-width effect, flat at 3e-3.
        var learningRate = new Option<double?>("--lr") { Description = "Adam LR at the base width, large on purpose (default: 1e-2 for gpt, 3e-3 for llama)." };
        var depth = new Option<int>("--depth") { Description = "Transformer blocks.", DefaultValueFactory = _ => 2 };
        var headDim = new Option<int>("--head-dim") { Description = "Fixed head size; heads = width / head-dim.", DefaultValueFactory = _ => 16 };
        var sequenceLength = new Option<int?>("--seq") { Description = "Context length (default: the smallest width ÷ --batch, at most 64, so the batch has no more tokens than the narrowest model has dimensions)." };
        var batch = new Option<int>("--batch") { Description = "Sequences in the fixed batch.", DefaultValueFactory = _ => 1 };
        var baseWidth = new Option<int?>("--base-width") { Description = "d0 (default: the smallest width)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the init and the random-token batch.", DefaultValueFactory = _ => 0 };
        var seeds = new Option<int>("--seeds") { Description = "Seeds to average over (each with its own init and batch).", DefaultValueFactory = _ => 4 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0: libtorch's default).", DefaultValueFactory = _ => 0 };
        var command = new Command("coord-check", "Check μP: record mean |activation| per module across widths for a few large-LR steps, plot them, and fail if a μP curve is not flat.")
        {
            widths, steps, family.Option, parametrization.Option, output, maxSlope, learningRate, depth, headDim, sequenceLength, batch, baseWidth, seed, seeds, threads,
        };
        command.SetAction(parsed =>
        {
            var settings = new CoordCheckSettings
            {
                Family = family.ValueIn(parsed),
                Widths = ParseWidths(parsed.GetValue(widths)!),
                Steps = Positive(parsed.GetValue(steps), "--steps"),
                Parametrization = parametrization.ValueIn(parsed),
                LearningRate = parsed.GetValue(learningRate) ?? (family.ValueIn(parsed) == Spec.ModelFamily.Llama ? 3e-3 : 1e-2),
                Depth = Positive(parsed.GetValue(depth), "--depth"),
                HeadDim = Positive(parsed.GetValue(headDim), "--head-dim"),
                BatchSize = Positive(parsed.GetValue(batch), "--batch"),
                BaseWidth = parsed.GetValue(baseWidth),
                Seed = parsed.GetValue(seed),
                Seeds = Positive(parsed.GetValue(seeds), "--seeds"),
                Threads = parsed.GetValue(threads),
            };
            settings = settings with
            {
                SequenceLength = parsed.GetValue(sequenceLength) is { } length
                    ? Positive(length, "--seq")
                    : CoordCheckSettings.DefaultSequenceLength(settings.Widths, settings.BatchSize),
            };
            return Run(console, settings, parsed.GetValue(output)!, parsed.GetValue(maxSlope));
        });
        return command;
    }

    static int Run(IAnsiConsole console, CoordCheckSettings settings, string output, double maxSlope)
    {
        foreach (int width in settings.Widths)
            if (width % settings.HeadDim != 0)
                throw new UserError($"width {width} is not a multiple of --head-dim {settings.HeadDim}.");
        if (settings.Family == Spec.ModelFamily.Llama && settings.HeadDim % 2 != 0)
            throw new UserError($"--head-dim {settings.HeadDim} is odd; the llama family's rotary embeddings need an even head size.");
        var report = CoordChecker.Run(settings);
        string kind = (settings.Parametrization == Parametrization.Mup ? "μP" : "SP") + (settings.Family == Spec.ModelFamily.Llama ? ", llama" : "");
        var plots = CoordCheckPlot.WriteSvgs(report.Curves, $"coord check ({kind})", output);

        var table = new Table().Border(TableBorder.Rounded).AddColumn("module");
        for (int step = 0; step < settings.Steps; step++) table.AddColumn(new TableColumn($"slope @ step {step}").RightAligned());
        table.AddColumn(new TableColumn("max |slope|").RightAligned());
        // Only μP promises flat lines; under SP growing ones are what the check is there to show.
        var failing = settings.Parametrization == Parametrization.Mup ? CoordCheckVerdict.NotFlat(report.Curves, maxSlope) : [];
        foreach (string module in report.Modules)
        {
            var cells = new List<string> { Markup.Escape(module) };
            for (int step = 0; step < settings.Steps; step++)
                cells.Add(Format(report.Slope(module, step)));
            double worst = report.MaxAbsSlope(module);
            cells.Add(failing.Contains(module) ? $"[red]{Format(worst)}[/]" : Format(worst));
            table.AddRow(cells.ToArray());
        }
        console.MarkupLine(Markup.Escape($"coord check ({kind}), widths {string.Join(", ", settings.Widths)}, LR {settings.LearningRate:G3}, {settings.Steps} steps: log-log slope of mean |activation| vs width"));
        console.Write(table);
        console.MarkupLine(Markup.Escape($"plots: {string.Join(", ", plots)}"));
        if (failing.Count == 0) return CliApp.Success;
        console.MarkupLine(Markup.Escape($"not flat under μP (|slope| > {maxSlope}): {string.Join(", ", failing)}"));
        return CliApp.UserErrorExit;
    }

    static string Format(double slope) => double.IsNaN(slope) ? "-" : slope.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    static int Positive(int value, string option) =>
        value > 0 ? value : throw new UserError($"{option} must be positive (got {value}).");

    static IReadOnlyList<int> ParseWidths(string text)
    {
        var widths = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width <= 0)
                throw new UserError($"--widths: '{part}' is not a positive integer.");
            widths.Add(width);
        }
        if (widths.Distinct().Count() < 2) throw new UserError("--widths needs at least two different widths.");
        return widths;
    }
}
