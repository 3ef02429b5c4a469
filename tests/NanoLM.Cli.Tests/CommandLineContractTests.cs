namespace NanoLM.Tests;

public class CommandLineContractTests
{
    [Fact]
    public void Help_names_the_tool_as_users_type_it()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dotnet nanolm", run.Output);
        Assert.DoesNotContain("dotnet-nanolm", run.Output);
        Assert.Contains("doctor", run.Output);
        Assert.Contains("coord-check", run.Output);
    }

    [Fact]
    public void A_command_line_that_names_a_command_builds_that_command_alone()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        var all = NanoLM.Cli.CliApp.BuildRoot(console).Subcommands.Select(c => c.Name).ToList();

        Assert.Equal(11, all.Count);
        foreach (string name in all)
            Assert.Equal([name], NanoLM.Cli.CliApp.BuildRoot(console, name).Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Unknown_command_prints_usage_and_exits_2()
    {
        var run = CliRun.Of("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
        Assert.Contains("Usage:", run.Error);
    }

    [Fact]
    public void Unknown_option_prints_the_subcommand_usage_and_exits_2()
    {
        var run = CliRun.Of("doctor", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error);
        Assert.Contains("dotnet nanolm doctor", run.Error);
    }

    [Fact]
    public void Doctor_reports_loaded_libtorch_and_the_applied_fixup()
    {
        var run = CliRun.Of("doctor", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("torch_loaded").GetBoolean());
        Assert.Equal("2.10.0", root.GetProperty("libtorch").GetString());
        Assert.Equal("0.107.0", root.GetProperty("torchsharp").GetString());
        Assert.True(root.GetProperty("threads").GetInt32() >= 1);
        Assert.Contains("cpu", root.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.StartsWith("applied", root.GetProperty("native_fixup").GetString());
        Assert.EndsWith(Path.Combine(".nanolm", "store.db"), root.GetProperty("store").GetString());
    }

    [Fact]
    public void Doctor_store_follows_the_store_option()
    {
        var run = CliRun.Of("doctor", "--json", "--store", "/tmp/elsewhere/store.db");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("/tmp/elsewhere/store.db", run.Output);
    }
}
