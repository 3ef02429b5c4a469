using NanoLM.Store;

namespace NanoLM.Tests.Runs;

public class RunsListManyTests
{
    [Fact]
    public void A_list_of_thousands_of_runs_prints_plain_aligned_columns()
    {
        var folder = Directory.CreateTempSubdirectory("nanolm-runs-many-");
        try
        {
            string path = Path.Combine(folder.FullName, "store.db");
            using (var store = RunStore.Open(path))
                for (int i = 0; i < 1200; i++)
                    store.GetOrCreateRun(new RunRegistration($"{i:x8}", $"{{\"model\":{{\"width\":{32 + i % 4 * 32},\"depth\":2}}}}", "ladder", 32 + i % 4 * 32, 0));

            var run = CliRun.Of("runs", "list", "--store", path);
            Assert.Equal(0, run.ExitCode);
            var lines = run.Output.Split('\n');
            Assert.Matches(@"^id\s{8}stage\s+width\s+seed\s+status\s+best val\s+final val\s+tokens\s+time$", lines[0]);
            Assert.StartsWith("00000000  ladder  32 ", lines[2]);
            Assert.Contains("1200 run(s)", run.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
