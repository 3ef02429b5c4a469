using System.Text.Json.Nodes;

namespace NanoLM.Tests.EndToEnd;

/// <summary>NanoLMTrain, NanoLMPredict and NanoLMReport on a real experiment project, running this run's dotnet-nanolm.dll.</summary>
[Collection(ExperimentProjectsCollection.Name)]
public sealed class ExperimentTargetTests(ExperimentProjects projects)
{
    // Small enough to train in seconds; widths 16 and 24 have fewer than 4 heads, so validation warns (NLM0315).
    const string TinySpec = """
        name: tiny
        data: { source: synthetic, seed: 5 }
        model: { depth: 1, head_dim: 8, seq_len: 16, base_width: 16 }
        train: { batch: 2, steps: 8, warmup: 2, eval_interval: 4, eval_batches: 1, checkpoint_interval: 4, threads: 1 }
        search:
          proxy_width: 16
          steps: 8
          grid: { lr: [0.01, 0.03] }
        ladder: { widths: [16, 24, 32, 40] }
        targets:
          - width: 96
        predict: { law: power }
        """;

    static readonly string[] AllTargets = ["-t:NanoLMTrain;NanoLMPredict;NanoLMReport", $"-p:NanoLMTool={RepositoryBuild.Tool}"];

    [Fact]
    public void Train_predict_and_report_run_once_and_a_second_build_skips_them()
    {
        string experiment = projects.Create("Ladder");
        string spec = Path.Combine(experiment, "nanolm.yaml");
        File.WriteAllText(spec, TinySpec);
        string store = Path.Combine(experiment, ".nanolm", "store.db");
        string prediction = Path.Combine(experiment, ".nanolm", "prediction.json");
        string report = Path.Combine(experiment, ".nanolm", "report", "report.html");

        var first = projects.Build(experiment, AllTargets);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("5 trained, 0 already finished", first.Output);
        Assert.Contains("nanolm: target width 96 (", first.Output);
        Assert.NotEmpty(JsonNode.Parse(File.ReadAllText(prediction))!["predictions"]!.AsArray());
        Assert.True(File.Exists(report));
        // Each spec warning once: from the validation, not again from the tool.
        var warnings = first.Output.Split('\n').Where(l => l.Contains("warning NLM0315")).Select(l => l.Trim()).ToList();
        Assert.NotEmpty(warnings);
        Assert.Equal(warnings.Distinct(), warnings);

        var written = new[] { store, prediction, report }.Select(File.GetLastWriteTimeUtc).ToList();
        // This time as a plain build that opts into the three targets.
        var second = projects.Build(experiment, "-p:NanoLMRunOnBuild=true", $"-p:NanoLMTool={RepositoryBuild.Tool}");

        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (string target in new[] { "NanoLMTrain", "NanoLMPredict", "NanoLMReport" })
            Assert.Contains($"Skipping target \"{target}\" because all output files are up-to-date", second.Output);
        Assert.DoesNotContain("dotnet-nanolm.dll", second.Output);
        Assert.Equal(written, new[] { store, prediction, report }.Select(File.GetLastWriteTimeUtc));

        // An edited nanolm.yaml is a reason to train again; train itself then finds nothing left to do.
        File.SetLastWriteTimeUtc(spec, DateTime.UtcNow);
        var afterEdit = projects.Build(experiment, "-t:NanoLMTrain", $"-p:NanoLMTool={RepositoryBuild.Tool}");

        Assert.True(afterEdit.ExitCode == 0, afterEdit.ToString());
        Assert.Contains("0 trained, 5 already finished", afterEdit.Output);
    }

    [Fact]
    public void NanoLMEmit_makes_train_write_the_scheduler_s_jobs_instead_of_training()
    {
        string experiment = projects.Create("Emit");
        File.WriteAllText(Path.Combine(experiment, "nanolm.yaml"), TinySpec);
        string[] emit = [.. AllTargets, "-p:NanoLMEmit=kubernetes", "-p:NanoLMEmitImage=lab/nanolm:1"];

        var first = projects.Build(experiment, emit);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(Path.Combine(experiment, "kubernetes", "manifest.jsonl")));
        Assert.Contains("image: lab/nanolm:1", File.ReadAllText(Path.Combine(experiment, "kubernetes", "search-job.yaml")));
        // Nothing trained, so nothing to predict or report yet; and no stamp that would make a later training skip.
        Assert.False(File.Exists(Path.Combine(experiment, ".nanolm", "store.db")));
        Assert.DoesNotContain("nanolm: target width 96 (", first.Output);
        Assert.False(File.Exists(Path.Combine(experiment, "obj", "nanolm", "train.stamp")));
    }

    [Fact]
    public void Without_NanoLMTool_the_targets_run_dotnet_nanolm_as_installed_tools_are_found()
    {
        // `dotnet nanolm` runs dotnet-nanolm from PATH when no local tool manifest names it, as for a global tool.
        string experiment = projects.Create("Fresh");
        string tools = Path.Combine(experiment, "obj", "fake-global-tools");
        Directory.CreateDirectory(tools);
        string wrapper = Path.Combine(tools, "dotnet-nanolm");
        ExecutableScript.Write(wrapper, $"#!/usr/bin/env bash\nexec dotnet '{RepositoryBuild.Tool}' \"$@\"\n");
        var path = new Dictionary<string, string> { ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

        var build = projects.Build(experiment, path, "-t:NanoLMReport", "-p:NanoLMSkipTrain=true");

        // The real tool answered, as a build error: this experiment has no store yet.
        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("dotnet nanolm : error : no run store at", build.Output);
        Assert.DoesNotContain("NLM0010", build.Output);
    }

    [Fact]
    public void Skip_properties_keep_the_targets_from_running_the_tool()
    {
        // The template's own experiment, never trained: the one the fresh-build test builds.
        string experiment = projects.Create("Fresh");

        var build = projects.Build(experiment, "-t:NanoLMPredict", "-p:NanoLMSkipTrain=true", "-p:NanoLMSkipPredict=true",
            "-p:NanoLMTool=no-such-nanolm.dll");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.False(Directory.Exists(Path.Combine(experiment, ".nanolm")));
    }
}
