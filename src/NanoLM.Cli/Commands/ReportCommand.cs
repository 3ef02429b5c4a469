using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using NanoLM.Predictions;
using NanoLM.Report;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm report`: an HTML page and a Markdown twin with plots, from the store.</summary>
public static class ReportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var experiment = new ExperimentOptions();
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Where to write report.html, report.md and the plots (default: .nanolm/report beside nanolm.yaml)." };
        var command = new Command("report", "Write the experiment's report: search, ladder curves, the scaling fit with its band and targets, the backtest, cost and environment.")
        {
            output,
        };
        experiment.AddTo(command);
        command.SetAction(parsed =>
        {
            string specPath = experiment.SpecPath(parsed);
            var spec = experiment.LoadSpec(parsed);
            using var runs = experiment.OpenExisting(parsed);
            double? oracle = ExperimentData.OracleLoss(spec, Path.GetDirectoryName(Path.GetFullPath(specPath))!);
            var written = Write(console, spec, specPath, runs, parsed.GetValue(output), prediction: null, oracle);
            console.WriteLine($"Report: {written.HtmlPath}");
            console.WriteLine($"Markdown: {written.MarkdownPath}");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes the report (<see cref="ExperimentReport.Write"/>) with this tool's environment and says why it has no fit when
    /// it has none. <paramref name="oracle"/> is the built-in corpus's oracle loss, computed by the caller, which often has
    /// the corpus open already or needed the oracle for its own fit; null for other data.
    /// </summary>
    internal static ReportOutput Write(IAnsiConsole console, ExperimentSpec spec, string specPath, RunStore store, string? directory,
        ExperimentPrediction? prediction, double? oracle)
    {
        var written = ExperimentReport.Write(spec, specPath, store, prediction, oracle, Environment(spec), directory);
        if (written.WithoutFit is { } reason)
            console.MarkupLine($"[yellow]No scaling fit in the report: {Markup.Escape(reason)}[/]");
        return written.Output;
    }

    static EnvironmentInfo Environment(ExperimentSpec spec)
    {
        // Versions only: probing would load libtorch into predict and report, which train nothing.
        var (torchSharp, libTorch) = TorchRuntime.Versions();
        string tool = typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
        return new EnvironmentInfo(tool, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
            spec.Train.Threads, spec.Train.Device.ToString().ToLowerInvariant(),
            $"TorchSharp {torchSharp}, libtorch {libTorch}",
            [new ReportFact("cores", $"{System.Environment.ProcessorCount}")]);
    }
}
