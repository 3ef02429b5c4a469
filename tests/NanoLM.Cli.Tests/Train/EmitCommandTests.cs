namespace NanoLM.Tests.Train;

public class EmitCommandTests
{
    [Fact]
    public void Train_emit_kubernetes_writes_the_manifest_and_a_job_per_stage_beside_the_spec()
    {
        using var experiment = new TinyExperiment();

        var run = CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "kubernetes", "--image", "nanolm:test");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        string folder = Path.Combine(experiment.Directory, "kubernetes");
        Assert.Equal(["apply.sh", "ladder-job.yaml", "manifest.jsonl", "search-job.yaml"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Contains("search: 2 trial(s)", run.Output);
        Assert.Contains("ladder: 4 trial(s), resolved from the search's results when they start", run.Output);
        Assert.Contains("image: nanolm:test", File.ReadAllText(Path.Combine(folder, "search-job.yaml")));
        Assert.False(File.Exists(experiment.StorePath), "emitting trains nothing");
    }

    [Fact]
    public void Kubernetes_output_outside_the_experiment_folder_is_a_user_error()
    {
        using var experiment = new TinyExperiment();
        string elsewhere = Path.Combine(Path.GetTempPath(), $"nanolm-elsewhere-{Guid.NewGuid():N}");

        var run = CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "kubernetes", "--out", elsewhere);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is outside the experiment folder", run.Error);
        Assert.False(Directory.Exists(elsewhere));
    }
}
