using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using NanoLM.Native;
using NanoLM.Store;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm doctor`: can this machine train? Versions, threads, devices, store path, native fix-up.</summary>
public static class DoctorCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var store = new Option<string?>("--store") { Description = "Store path to report (default: .nanolm/store.db beside nanolm.yaml, or NANOLM_STORE)." };
        var command = new Command("doctor", "Check that libtorch loads and show versions, threads, devices, the store path and the native fix-up status.")
        {
            json, store,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(json), parsed.GetValue(store)));
        return command;
    }

    static int Run(IAnsiConsole console, bool asJson, string? storeOption)
    {
        var torch = TorchRuntime.Probe();
        var nativeFix = NativeFixStatus(repairedNow: torch.Repaired is not null, torch.PrivateCopy);
        var report = new
        {
            dotnet = RuntimeInformation.FrameworkDescription,
            os = RuntimeInformation.OSDescription,
            rid = RuntimeInformation.RuntimeIdentifier,
            torchsharp = torch.TorchSharpVersion,
            libtorch = torch.LibTorchVersion,
            torch_loaded = torch.Loaded,
            threads = torch.Threads,
            cores = Environment.ProcessorCount,
            devices = torch.Devices,
            store = StoreLocation.Resolve(storeOption, Path.Combine(Directory.GetCurrentDirectory(), "nanolm.yaml")),
            native_fixup = nativeFix,
            error = torch.Error,
        };

        if (asJson)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("value");
            table.AddRow(".NET", Markup.Escape(report.dotnet));
            table.AddRow("OS", Markup.Escape($"{report.os} ({report.rid})"));
            table.AddRow("TorchSharp", Markup.Escape(report.torchsharp));
            table.AddRow("libtorch", Markup.Escape(report.libtorch));
            table.AddRow("torch loads", torch.Loaded ? "[green]yes[/]" : "[red]no[/]");
            table.AddRow("threads", torch.Loaded ? $"{torch.Threads} (of {report.cores} cores)" : "-");
            table.AddRow("devices", torch.Loaded ? string.Join(", ", torch.Devices) : "-");
            table.AddRow("store", Markup.Escape(report.store));
            table.AddRow("native fix-up", Markup.Escape(nativeFix));
            console.Write(table);
        }

        if (torch.Loaded) return CliApp.Success;
        throw new UserError(
            $"libtorch could not be loaded ({torch.Error}). " +
            "TorchSharp 0.107 needs libstdc++ with GLIBCXX_3.4.32 unless its libLibTorchSharp.so has been rewritten by nanolm's build " +
            $"(native fix-up: {nativeFix}). Rebuild or reinstall the tool (`dotnet build`, or `dotnet tool update`) so the fix-up runs, " +
            "or install GCC 13's libstdc++; if the message names another library, check that the libtorch-cpu package restored completely.");
    }

    // The fix-up is applied at build, publish and pack time, and at load time to a copy those missed; this reads the result.
    static string NativeFixStatus(bool repairedNow, string? privateCopy)
    {
        string? library = TorchRuntime.NativeLibraryPath();
        if (library is null) return "not applicable (no libLibTorchSharp.so beside the tool)";
        var rewrite = VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx;
        if (privateCopy is not null)
            return $"applied at load time to a private copy ({rewrite.FromVersion} → {rewrite.ToVersion} in {privateCopy}; {library} cannot be written)";
        return rewrite.Inspect(library).Outcome switch
        {
            RewriteOutcome.NotNeeded => $"not needed ({library} does not require {rewrite.FromVersion})",
            RewriteOutcome.AlreadyRewritten => $"applied{(repairedNow ? " at load time" : "")} ({rewrite.FromVersion} → {rewrite.ToVersion} in {library})",
            RewriteOutcome.Rewritten => $"missing: {library} still requires {rewrite.FromVersion}",
            RewriteOutcome.Refused => $"not possible: {library} relocates a {rewrite.FromVersion} symbol",
            _ => "unknown",
        };
    }
}
