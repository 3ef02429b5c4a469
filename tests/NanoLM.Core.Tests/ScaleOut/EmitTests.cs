using System.Diagnostics;
using System.Text.Json;
using k8s;
using k8s.Models;
using NanoLM.Plan;
using NanoLM.ScaleOut;
using NanoLM.Spec;

namespace NanoLM.Tests.ScaleOut;

public sealed class EmitTests : IDisposable
{
    const string Yaml = """
        name: scale out
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 2, steps: 10, warmup: 2, eval_interval: 5, checkpoint_interval: 5 }
        search:
          proxy_width: 32
          steps: 10
          grid: { lr: [0.003, 0.01, 0.03] }
        ladder: { widths: [32, 48, 64, 96] }
        targets:
          - width: 256
          - width: 128
            verify: true
        """;

    static readonly IReadOnlyList<TrialStage> AllStages = [TrialStage.Search, TrialStage.Ladder, TrialStage.Target];
    readonly string directory = Directory.CreateTempSubdirectory("nanolm-emit-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string SpecPath => Path.Combine(directory, "nanolm.yaml");

    ExperimentPlan Plan(string yaml = Yaml)
    {
        File.WriteAllText(SpecPath, yaml);
        var spec = SpecLoader.Parse(yaml, SpecPath, new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();
        return PlanBuilder.Build(spec);
    }

    EmitOptions Options(int? maxParallel = null) => new()
    {
        ExperimentDirectory = directory,
        OutputDirectory = Path.Combine(directory, "out"),
        MaxParallel = maxParallel,
        Image = "registry.example/nanolm:1.0",
        VolumeClaim = "lab-experiments",
    };

    string Out => Directory.CreateDirectory(Path.Combine(directory, "out")).FullName;

    [Fact]
    public void The_manifest_lists_each_stage_s_trials_by_index_and_leaves_the_searched_ones_unresolved()
    {
        var plan = Plan();
        string manifest = Path.Combine(Out, TrialManifest.FileName);

        TrialManifest.Write(manifest, plan, SpecPath, AllStages);

        var lines = File.ReadAllLines(manifest).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("scale out", lines[0].GetProperty("experiment").GetString());
        Assert.Equal(TrialManifest.SpecHash(SpecPath), lines[0].GetProperty("spec_sha256").GetString());
        var trials = lines.Skip(1).ToList();
        Assert.Equal(["search", "search", "search", "ladder", "ladder", "ladder", "ladder", "targets"], trials.Select(t => t.GetProperty("stage").GetString()));
        Assert.Equal([0, 1, 2, 0, 1, 2, 3, 0], trials.Select(t => t.GetProperty("index").GetInt32()));
        // The search's trials are known; the ladder and the verified target take the searched LR when their tasks start.
        Assert.Equal(plan.SearchTrials.Select(t => t.Identity.Hash), trials.Take(3).Select(t => t.GetProperty("id").GetString()));
        Assert.All(trials.Skip(3), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("id").ValueKind));
        Assert.All(trials.Skip(3), t => Assert.True(t.GetProperty("awaits_search").GetBoolean()));
        Assert.Equal(128, trials[^1].GetProperty("width").GetInt32());
        Assert.Equal(0.003, trials[0].GetProperty("settings").GetProperty("optimizer").GetProperty("lr").GetDouble());
    }

    [Fact]
    public void Slurm_gets_an_array_per_stage_chained_by_afterany()
    {
        var plan = Plan();

        var files = SlurmEmitter.Write(Out, plan, AllStages, _ => 600, Options(maxParallel: 2));

        Assert.Equal(["search.sbatch", "ladder.sbatch", "targets.sbatch", "submit.sh"], files.Select(Path.GetFileName));
        string ladder = File.ReadAllText(Path.Combine(Out, "ladder.sbatch"));
        Assert.Contains("#SBATCH --array=0-3%2\n", ladder);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", ladder);
        // 600 s estimated, doubled, plus 10 minutes.
        Assert.Contains("#SBATCH --time=0-00:30:00\n", ladder);
        Assert.Contains("#SBATCH --requeue\n", ladder);
        Assert.Contains("#SBATCH --signal=B:TERM@60\n", ladder);
        Assert.DoesNotContain("--gres", ladder);
        Assert.Contains($"cd '{directory}'\n", ladder);
        Assert.Contains("--stage ladder --trial-index \"$SLURM_ARRAY_TASK_ID\" --manifest", ladder);
        Assert.Contains("trap 'kill -TERM \"$trial\"' TERM", ladder);
        Assert.Contains("if [ \"$status\" -eq 75 ]; then scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"; fi", ladder);
        Assert.Contains("#SBATCH --array=0-0%1\n", File.ReadAllText(Path.Combine(Out, "targets.sbatch")));
        string submit = File.ReadAllText(Path.Combine(Out, "submit.sh"));
        Assert.Contains("search=$(sbatch --parsable search.sbatch)", submit);
        Assert.Contains("ladder=$(sbatch --parsable --dependency=afterany:${search%%;*} ladder.sbatch)", submit);
        Assert.Contains("targets=$(sbatch --parsable --dependency=afterany:${ladder%%;*} targets.sbatch)", submit);
        foreach (string file in files) AssertBashParses(file);
    }

    [Fact]
    public void Slurm_asks_for_a_gpu_when_the_device_is_cuda_and_skips_stages_with_nothing_to_train()
    {
        var plan = Plan(Yaml.Replace("checkpoint_interval: 5 }", "checkpoint_interval: 5, device: cuda }").Replace("\n    verify: true", ""));

        var files = SlurmEmitter.Write(Out, plan, AllStages, _ => 90_000, Options());

        Assert.Equal(["search.sbatch", "ladder.sbatch", "submit.sh"], files.Select(Path.GetFileName));
        string search = File.ReadAllText(Path.Combine(Out, "search.sbatch"));
        Assert.Contains("#SBATCH --gres=gpu:1\n", search);
        Assert.Contains("#SBATCH --time=2-02:10:00\n", search);
        Assert.DoesNotContain("targets", File.ReadAllText(Path.Combine(Out, "submit.sh")));
    }

    [Fact]
    public void Kubernetes_gets_an_indexed_job_per_stage_that_the_official_model_reads()
    {
        var plan = Plan(Yaml.Replace("checkpoint_interval: 5 }", "checkpoint_interval: 5, device: cuda, threads: 4 }"));

        var files = KubernetesEmitter.Write(Out, plan, AllStages, Options(maxParallel: 3));

        Assert.Equal(["search-job.yaml", "ladder-job.yaml", "targets-job.yaml", "apply.sh"], files.Select(Path.GetFileName));
        var job = KubernetesYaml.Deserialize<V1Job>(File.ReadAllText(Path.Combine(Out, "ladder-job.yaml")), strict: true);
        Assert.Equal("batch/v1", job.ApiVersion);
        Assert.Equal("Job", job.Kind);
        Assert.Equal("nanolm-scale-out-ladder", job.Metadata.Name);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(4, job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        Assert.Equal(3, job.Spec.BackoffLimitPerIndex);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("registry.example/nanolm:1.0", container.Image);
        Assert.Equal(["dotnet", "nanolm", "train", "-c", "/experiment/nanolm.yaml", "--stage", "ladder", "--manifest", "/experiment/out/manifest.jsonl"], container.Command);
        Assert.Equal("4", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("1", container.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("/experiment", Assert.Single(container.VolumeMounts).MountPath);
        Assert.Equal("lab-experiments", Assert.Single(pod.Volumes).PersistentVolumeClaim.ClaimName);
        string apply = File.ReadAllText(Path.Combine(Out, "apply.sh"));
        Assert.True(apply.IndexOf("job/nanolm-scale-out-search", StringComparison.Ordinal) < apply.IndexOf("ladder-job.yaml", StringComparison.Ordinal));
        AssertBashParses(Path.Combine(Out, "apply.sh"));
    }

    [Theory]
    [InlineData(59, "0-00:01:00")]
    [InlineData(3600, "0-01:00:00")]
    [InlineData(90_061, "1-01:02:00")]
    public void Slurm_time_limits_round_up_to_the_minute(int seconds, string expected) =>
        Assert.Equal(expected, SlurmEmitter.SlurmTime(TimeSpan.FromSeconds(seconds)));

    static void AssertBashParses(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        string error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, error);
    }
}
