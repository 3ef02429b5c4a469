using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace NanoLM.Build;

/// <summary>
/// Runs one `dotnet nanolm` command on an experiment. Lines the tool prints in the canonical
/// <c>file(line,col): error CODE: text</c> shape (spec diagnostics, <c>dotnet nanolm: error: …</c>) become MSBuild
/// errors and warnings; everything else becomes a message. A cancelled build interrupts the tool the way Ctrl+C in a
/// terminal would, so training checkpoints before it stops, and kills it only if it outlasts <see cref="CancelTimeoutSeconds"/>.
/// </summary>
public abstract class NanoLMToolTask : ToolTask
{
    int cancelRequested;
    Process? running;
    Timer? killAfterGrace;

    /// <summary>The experiment's nanolm.yaml.</summary>
    [Required]
    public string Spec { get; set; } = "";

    /// <summary>The store file (--store); empty leaves it to the tool (NANOLM_STORE, else .nanolm/store.db beside the spec).</summary>
    public string? Store { get; set; }

    /// <summary>
    /// Which nanolm to run: empty runs `dotnet nanolm` (the local tool of the experiment's folder, else the global one);
    /// a path ending in .dll runs that assembly with dotnet; any other path is an executable (e.g. ~/.dotnet/tools/dotnet-nanolm).
    /// </summary>
    public string? Tool { get; set; }

    /// <summary>True when the build has already reported nanolm.yaml's diagnostics, so the tool does not repeat its warnings.</summary>
    public bool SpecValidated { get; set; }

    /// <summary>How long a cancelled tool may take to checkpoint and exit before it is killed.</summary>
    public int CancelTimeoutSeconds { get; set; } = 30;

    /// <summary>The `dotnet nanolm` subcommand: train, predict or report.</summary>
    protected abstract string Subcommand { get; }

    /// <summary>Adds the subcommand's own options after -c and --store.</summary>
    protected virtual void AddOptions(CommandLineBuilder options) { }

    /// <summary>When true, standard output is handed to <see cref="OnStandardOutputLine"/> instead of the log.</summary>
    protected virtual bool CapturesStandardOutput => false;

    protected virtual void OnStandardOutputLine(string line) { }

    bool RunsDll => Tool?.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) == true;
    bool RunsExecutable => !string.IsNullOrWhiteSpace(Tool) && !RunsDll;

    protected override string ToolName => RunsExecutable ? Path.GetFileName(Tool!) : "dotnet";

    protected override string GenerateFullPathToTool() => RunsExecutable ? Path.GetFullPath(Tool!) : DotnetHost.Path();

    // The folder of nanolm.yaml, where `dotnet nanolm` looks for the local tool manifest (dotnet-tools.json) upward.
    protected override string GetWorkingDirectory() => Path.GetDirectoryName(Path.GetFullPath(Spec))!;

    // Messages the user asked for by running the target: visible at the default verbosity. Standard error stays
    // visible even when standard output is captured, which is why the two streams get different importances.
    protected override MessageImportance StandardOutputLoggingImportance => CapturesStandardOutput ? MessageImportance.Low : MessageImportance.High;
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    protected override bool ValidateParameters()
    {
        if (!string.IsNullOrWhiteSpace(Tool) && !File.Exists(Tool))
        {
            Log.LogError(null, BuildDiagnosticCodes.ToolNotFound, null, Spec, 0, 0, 0, 0,
                $"NanoLMTool is '{Tool}', which does not exist; set it to dotnet-nanolm.dll, to the dotnet-nanolm executable, or leave it empty to run `dotnet nanolm`");
            return false;
        }
        return base.ValidateParameters();
    }

    protected override string GenerateCommandLineCommands()
    {
        var command = new CommandLineBuilder();
        if (RunsDll) command.AppendFileNameIfNotNull(Path.GetFullPath(Tool!));
        else if (!RunsExecutable) command.AppendSwitch("nanolm");
        command.AppendSwitch(Subcommand);
        command.AppendSwitchIfNotNull("-c ", Path.GetFullPath(Spec));
        if (!string.IsNullOrWhiteSpace(Store)) command.AppendSwitchIfNotNull("--store ", Path.GetFullPath(Store));
        AddOptions(command);
        return command.ToString();
    }

    public override bool Execute()
    {
        // Plain text: no colours or cursor movement in a build log. The names match the tool's (SpecWarningsReported).
        EnvironmentVariables = [.. EnvironmentVariables ?? [], "NO_COLOR=1", .. SpecValidated ? ["NANOLM_SPEC_REPORTED=1"] : Array.Empty<string>()];
        try
        {
            return base.Execute();
        }
        finally
        {
            killAfterGrace?.Dispose();
            running = null;
        }
    }

    protected override Process StartToolProcess(Process proc)
    {
        running = base.StartToolProcess(proc);
        return running;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (CapturesStandardOutput && messageImportance == StandardOutputImportanceToUse && messageImportance != StandardErrorImportanceToUse)
            OnStandardOutputLine(singleLine);
        else
            base.LogEventsFromTextOutput(singleLine, messageImportance);
    }

    /// <summary>Interrupts the tool and its children (SIGINT, as Ctrl+C does); the kill follows only after the grace period.</summary>
    public override void Cancel()
    {
        if (Interlocked.Exchange(ref cancelRequested, 1) == 1) return;
        var process = running;
        if (process is null || !ProcessTreeInterrupt.TrySend(process.Id))
        {
            base.Cancel();
            return;
        }
        killAfterGrace = new Timer(_ => KillNow(), null, TimeSpan.FromSeconds(Math.Max(0, CancelTimeoutSeconds)), System.Threading.Timeout.InfiniteTimeSpan);
    }

    void KillNow() => base.Cancel();

    protected override bool HandleTaskExecutionErrors()
    {
        if (cancelRequested == 1)
        {
            Log.LogMessage(MessageImportance.High, $"nanolm: `dotnet nanolm {Subcommand}` stopped because the build was cancelled; run the target again to resume.");
            return false;
        }
        if (!HasLoggedErrors)
            Log.LogError(null, BuildDiagnosticCodes.ToolFailed, null, Spec, 0, 0, 0, 0,
                $"`dotnet nanolm {Subcommand}` exited with code {ExitCode}; its output is above. If the tool is not installed, run " +
                "`dotnet tool restore` (local tool) or `dotnet tool install --global NanoLM.Tool`, or set NanoLMTool to dotnet-nanolm.dll");
        return false;
    }
}
