using System.Text.Json;

namespace NanoLM.Tests.Runs;

public class RunsCommandTests : IClassFixture<RunsFixtureStore>
{
    readonly RunsFixtureStore fixture;

    public RunsCommandTests(RunsFixtureStore fixture) => this.fixture = fixture;

    CliRun Runs(params string[] args) => CliRun.Of(["runs", .. args, "--store", fixture.StorePath]);

    [Fact]
    public void List_shows_each_run_with_status_losses_and_only_the_settings_that_differ()
    {
        var run = Runs("list");
        Assert.Equal(0, run.ExitCode);
        foreach (var trial in fixture.Trials) Assert.Contains(trial.Identity.Short, run.Output);
        Assert.Contains("optimizer.lr", run.Output);
        Assert.DoesNotContain("model.depth", run.Output);
        Assert.Contains("finished", run.Output);
        Assert.Contains("crashed", run.Output);
        Assert.Contains("1.9550", run.Output);
        Assert.Contains("3 run(s)", run.Output);
    }

    [Fact]
    public void List_shows_who_holds_a_running_run_and_nothing_for_a_crashed_one()
    {
        // The fixture's crashed run is held by nobody: no column for it.
        Assert.DoesNotContain("held by", Runs("list").Output);

        string directory = Directory.CreateTempSubdirectory("nanolm-held-").FullName;
        try
        {
            string storePath = Path.Combine(directory, "store.db");
            using var store = NanoLM.Store.RunStore.Open(storePath);
            long experiment = store.EnsureExperiment("held", Path.Combine(directory, "nanolm.yaml"));
            foreach (var trial in fixture.Trials.Take(2)) store.GetOrCreateRun(NanoLM.Store.RunRegistration.From(trial, experiment));
            // This process claims the first run and keeps it, as a trainer does while it trains.
            using var recorder = store.OpenRecorder(fixture.Trials[0].Identity.Hash);
            string holder = $"pid {Environment.ProcessId} on {Environment.MachineName}";

            var table = CliRun.Of("runs", "list", "--store", storePath);
            Assert.Equal(0, table.ExitCode);
            Assert.Contains("held by", table.Output);
            Assert.Contains(holder, table.Output);

            var json = JsonDocument.Parse(CliRun.Of("runs", "list", "--json", "--store", storePath).Output).RootElement;
            Assert.Equal(holder, json[0].GetProperty("held_by").GetString());
            Assert.False(json[1].TryGetProperty("held_by", out _));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void List_with_all_settings_shows_the_shared_ones_too()
    {
        // Every setting is a column: too wide for a bordered table at 200 characters, so it prints plain aligned columns.
        var header = Runs("list", "--all-settings").Output.Split('\n')[0];
        Assert.Contains("model.depth", header);
        Assert.Contains("optimizer.beta2", header);
        Assert.DoesNotContain("model.width", header);
    }

    [Fact]
    public void List_finds_the_store_beside_the_config_file()
    {
        var run = CliRun.Of("runs", "list", "--json", "-c", fixture.ConfigPath);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(3, json.RootElement.GetArrayLength());
        Assert.Equal(["finished", "finished", "crashed"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(64, json.RootElement[1].GetProperty("settings").GetProperty("model").GetProperty("width").GetInt32());
    }

    [Fact]
    public void Show_prints_settings_status_events_and_a_metrics_summary()
    {
        var run = Runs("show", fixture.Trials[1].Identity.Short);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(fixture.Trials[1].Identity.Hash, run.Output);
        Assert.Contains("optimizer.lr", run.Output);
        Assert.Contains("0.02", run.Output);
        Assert.Contains("100 (1…100), 2 evaluation(s)", run.Output);
        Assert.Contains("checkpoint", run.Output);
        Assert.Contains("started", run.Output);
    }

    [Fact]
    public void Show_json_has_the_run_its_metric_summary_and_events()
    {
        var run = Runs("show", fixture.Trials[0].Identity.Short, "--json");
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(100, json.RootElement.GetProperty("metrics").GetProperty("last_step").GetInt32());
        Assert.Equal(2.105, json.RootElement.GetProperty("final_val_loss").GetDouble(), 9);
        Assert.Equal("finished", json.RootElement.GetProperty("events").EnumerateArray().Last().GetProperty("kind").GetString());
    }

    [Fact]
    public void Diff_shows_only_the_settings_and_metrics_that_differ()
    {
        var run = Runs("diff", fixture.Trials[0].Identity.Short, fixture.Trials[1].Identity.Short, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(["model.width", "optimizer.lr"], settings.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["32", "64"], settings.GetProperty("model.width").EnumerateArray().Select(v => v.GetString()));
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.True(metrics.TryGetProperty("final_validation_loss", out _));
        Assert.False(metrics.TryGetProperty("status", out _));
    }

    [Fact]
    public void Diff_table_names_both_runs()
    {
        var run = Runs("diff", fixture.Trials[0].Identity.Short, fixture.Trials[2].Identity.Short);
        Assert.Contains(fixture.Trials[0].Identity.Short, run.Output);
        Assert.Contains("crashed", run.Output);
    }

    [Fact]
    public void Export_csv_has_one_row_per_step_in_the_fit_columns()
    {
        var run = Runs("export", "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("run,stage,width,seed,status,params,step,tokens,flops,lr,train_loss,loss,tokens_per_s,wall_s", lines[0]);
        Assert.Equal(1 + 100 + 100 + 30, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(fixture.Trials[0].Identity.Hash) && l.Contains(",50,") && l.EndsWith(",10000,5"));
    }

    [Fact]
    public void Export_json_to_a_file_holds_runs_with_settings_and_metrics()
    {
        string file = Path.Combine(fixture.Directory, "runs.json");
        var run = Runs("export", "--format", "json", "--out", file);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        Assert.Equal(100, runs[0].GetProperty("metrics").GetArrayLength());
        Assert.Equal(2, runs[0].GetProperty("settings").GetProperty("model").GetProperty("depth").GetInt32());
    }

    [Fact]
    public void Export_mlflow_writes_a_run_folder_per_run_with_its_curves_and_needs_a_folder()
    {
        string folder = Path.Combine(fixture.Directory, "mlruns");
        var run = Runs("export", "--format", "mlflow", "--out", folder);
        var noFolder = Runs("export", "--format", "mlflow");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Wrote 3 run(s) to {folder}", run.Output);
        string experiment = Assert.Single(Directory.GetDirectories(folder), d => !d.EndsWith(".trash"));
        Assert.Equal(3, Directory.GetDirectories(experiment).Length);
        string first = Path.Combine(experiment, fixture.Trials[0].Identity.Hash[..32]);
        Assert.Equal(100, File.ReadAllLines(Path.Combine(first, "metrics", "train_loss")).Length);
        Assert.Equal(fixture.Trials[0].Identity.Hash, File.ReadAllText(Path.Combine(first, "tags", "nanolm.run_id")));
        Assert.Equal(1, noFolder.ExitCode);
        Assert.Contains("--format mlflow writes a folder of files: pass --out DIR", noFolder.Error);
    }

    [Fact]
    public void Where_filters_list_and_export_and_group_by_summarizes_each_value()
    {
        string lr02 = fixture.Trials[1].Identity.Short;
        var list = Runs("list", "--where", "optimizer.lr > 0.015");
        var csv = Runs("export", "--where", "status = crashed");
        var groups = Runs("list", "--group-by", "optimizer.lr", "--json");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(lr02, list.Output);
        Assert.DoesNotContain(fixture.Trials[0].Identity.Short, list.Output);
        Assert.Contains("1 of 3 run(s)", list.Output);
        var rows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(30, rows.Length);
        Assert.All(rows, r => Assert.StartsWith(fixture.Trials[2].Identity.Hash, r));
        using var json = JsonDocument.Parse(groups.Output);
        Assert.Equal(["0.01", "0.02"], json.RootElement.EnumerateArray().Select(g => g.GetProperty("optimizer.lr").GetString()));
        var first = json.RootElement[0];
        Assert.Equal((2, 1), (first.GetProperty("runs").GetInt32(), first.GetProperty("finished").GetInt32()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("final_val_loss").GetProperty("sd").ValueKind);
    }

    [Fact]
    public void An_injection_attempt_in_where_is_an_error_and_leaves_the_store_untouched()
    {
        byte[] before = File.ReadAllBytes(fixture.StorePath);

        var run = Runs("list", "--where", "width = 1; DROP TABLE runs");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--where \"width = 1; DROP TABLE runs\": unexpected ';' at column 10", run.Error);
        Assert.Equal(before, File.ReadAllBytes(fixture.StorePath));
        Assert.Equal(3, Runs("list", "--json").Output.Split("\"id\"").Length - 1);
    }

    [Fact]
    public void An_unknown_run_id_is_a_user_error_that_suggests_close_ids()
    {
        string id = fixture.Trials[0].Identity.Short;
        string typo = id[..^1] + (id[^1] == '0' ? '1' : '0');
        var run = Runs("show", typo);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"no run '{typo}'", run.Error);
        Assert.Contains($"did you mean {id}", run.Error);
    }

    [Fact]
    public void A_missing_store_is_a_user_error()
    {
        var run = CliRun.Of("runs", "list", "--store", Path.Combine(fixture.Directory, "missing.db"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no run store at", run.Error);
    }

    [Fact]
    public void A_store_that_is_not_a_database_is_one_line_naming_it()
    {
        string notAStore = Path.Combine(fixture.Directory, "notes.txt");
        File.WriteAllText(notAStore, "not a database\n");
        foreach (string[] command in new[] { new[] { "runs", "list" }, ["predict", "-c", fixture.ConfigPath] })
        {
            var run = CliRun.Of([.. command, "--store", notAStore]);
            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"dotnet nanolm: error: {notAStore} is not a nanolm run store", run.Error.Trim()[..(48 + notAStore.Length)]);
            Assert.Single(run.Error.Trim().Split('\n'));
        }
    }

    [Fact]
    public void An_unknown_export_format_is_a_usage_error()
    {
        Assert.Equal(2, Runs("export", "--format", "xml").ExitCode);
    }
}
