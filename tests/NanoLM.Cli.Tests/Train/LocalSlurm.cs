using System.Diagnostics;

namespace NanoLM.Tests.Train;

/// <summary>A test that needs a one-node Slurm; skipped, with the reason, where its daemons cannot run.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Slurm runs on Linux only";
        else if (Environment.UserName != "root") Skip = "starting slurmd needs root (CI runs as root)";
        else if (!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/munged"))
            Skip = "Slurm is not installed (apt-get install -y slurm-wlm munge; .ci/run does it)";
    }
}

/// <summary>
/// slurmctld and slurmd for one node on 127.0.0.1 with 2 CPUs, from a configuration of their own in a temporary folder
/// (root as SlurmUser, proctrack/linuxproc, task/none, select/cons_tres); munged is started when it is not running.
/// A requeued task waits cred_expire before it starts again: 10 s here instead of Slurm's 120.
/// Stopped when the tests that share it end.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("nanolm-slurm-").FullName;
    public string Configuration => Path.Combine(Folder, "slurm.conf");

    public LocalSlurm()
    {
        if (new SlurmFactAttribute().Skip is not null) return;
        Directory.CreateDirectory(Path.Combine(Folder, "state"));
        Directory.CreateDirectory(Path.Combine(Folder, "spool"));
        File.WriteAllText(Configuration, $"""
            ClusterName=nanolm
            SlurmctldHost=localhost(127.0.0.1)
            SlurmctldPort=16817
            SlurmdPort=16818
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=cred_expire=10
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            ReturnToService=2
            StateSaveLocation={Folder}/state
            SlurmdSpoolDir={Folder}/spool
            SlurmctldPidFile={Folder}/slurmctld.pid
            SlurmdPidFile={Folder}/slurmd.pid
            SlurmctldLogFile={Folder}/slurmctld.log
            SlurmdLogFile={Folder}/slurmd.log
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            MpiDefault=none
            NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000 State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
            """);
        if (Run("pgrep", "-x", "munged").ExitCode != 0)
        {
            Directory.CreateDirectory("/run/munge");
            Run("chown", "munge:munge", "/run/munge");
            if (!File.Exists("/etc/munge/munge.key")) Run("mungekey", "--create");
            Run("runuser", "-u", "munge", "--", "/usr/sbin/munged");
        }
        Run("/usr/sbin/slurmctld", "-f", Configuration);
        Run("/usr/sbin/slurmd", "-f", Configuration);
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); Thread.Sleep(500))
            if (Run("sinfo", "-h", "-o", "%T").Output.Trim() == "idle") return;
        throw new InvalidOperationException("the local Slurm node never became idle:\n" + File.ReadAllText(Path.Combine(Folder, "slurmctld.log")));
    }

    /// <summary>Runs a Slurm (or other) command against this cluster.</summary>
    public (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["SLURM_CONF"] = Configuration;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public void Dispose()
    {
        foreach (string daemon in new[] { "slurmd", "slurmctld" })
            if (File.Exists(Path.Combine(Folder, $"{daemon}.pid")) && int.TryParse(File.ReadAllText(Path.Combine(Folder, $"{daemon}.pid")).Trim(), out int pid))
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    process.WaitForExit(10_000);
                }
                catch (ArgumentException) { }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
