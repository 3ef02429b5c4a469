using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Spec;

namespace NanoLM.Tests.Fitting;

public sealed class FitCsvTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("nanolm-fitcsv-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string Write(string text)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    static UserError ReadFails(string path, ScalingLaw law = ScalingLaw.Chinchilla) =>
        Assert.Throws<UserError>(() => FitCsv.Samples(FitCsv.Read(path, ScalingLaws.Create(law), lossRequired: true), ScalingLaws.Create(law), path));

    [Fact]
    public void Compute_defaults_to_six_N_D_and_tokens_to_C_over_six_N()
    {
        var fromTokens = FitCsv.Read(Write("params,tokens,loss\n1e8,2e9,3.1\n"), ScalingLaws.Create(ScalingLaw.Chinchilla), lossRequired: true);
        var fromFlops = FitCsv.Read(Write("params,flops,loss\n1e8,1.2e18,3.1\n"), ScalingLaws.Create(ScalingLaw.Chinchilla), lossRequired: true);

        Assert.Equal(1.2e18, fromTokens[0].Point.Flops, 1e6);
        Assert.Equal(2e9, fromFlops[0].Point.Tokens, 1e-3);
    }

    [Fact]
    public void Missing_file_is_a_user_error_naming_the_file()
    {
        string path = Path.Combine(folder, "absent.csv");
        Assert.Contains("absent.csv: file not found", ReadFails(path).Message);
    }

    [Fact]
    public void Missing_column_is_reported_on_the_header_line()
    {
        string path = Write("params,loss\n1e8,3.1\n");
        Assert.Contains($"{path}:1: missing column 'tokens'", ReadFails(path).Message);
    }

    [Fact]
    public void Non_numeric_cell_is_reported_with_its_line()
    {
        string path = Write("params,tokens,loss\n1e8,2e9,3.1\n2e8,lots,3.0\n");
        Assert.Contains($"{path}:3: column 'tokens' has 'lots'", ReadFails(path).Message);
    }

    [Fact]
    public void Non_positive_params_are_reported_with_their_line()
    {
        string path = Write("params,tokens,loss\n1e8,2e9,3.1\n\n0,2e9,3.0\n");
        Assert.Contains($"{path}:4: column 'params' must be positive", ReadFails(path).Message);
    }

    [Fact]
    public void Fewer_rows_than_parameters_is_a_user_error()
    {
        string path = Write("params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,3.0\n");
        Assert.Contains("only 2 rows with a loss to fit, but the chinchilla law has 5 parameters", ReadFails(path).Message);
    }

    [Fact]
    public void Empty_loss_is_an_error_for_a_ladder_but_not_for_a_curve()
    {
        string ladder = Write("params,loss\n1e8,3.1\n2e8,\n");
        Assert.Contains($"{ladder}:3: column 'loss' is empty", ReadFails(ladder, ScalingLaw.Power).Message);

        string curve = Write("run,step,lr,loss\na,1,1e-3,\na,2,1e-3,4.0\na,3,1e-3,3.9\na,4,1e-3,3.8\na,5,1e-3,3.7\n");
        var rows = FitCsv.Read(curve, ScalingLaws.Create(ScalingLaw.CurveAnnealing), lossRequired: true);
        Assert.Equal(5, rows.Count);
        Assert.Equal(4, FitCsv.Samples(rows, ScalingLaws.Create(ScalingLaw.CurveAnnealing), curve).Count);
    }

    [Fact]
    public void Curve_rows_get_learning_rate_areas_per_run_in_step_order()
    {
        string path = Write("run,step,lr,loss\nb,1,2e-3,4\na,20,1e-3,3.5\na,10,1e-3,3.6\nb,2,2e-3,3.9\n");

        var rows = FitCsv.Read(path, ScalingLaws.Create(ScalingLaw.CurveAnnealing), lossRequired: true);

        // Run a starts at step 10: its sum covers steps 10 … 20.
        Assert.Equal(11 * 1e-3, rows.Single(r => r is { Run: "a", Step: 20 }).Point.LrArea, 1e-15);
        Assert.Equal(2 * 2e-3, rows.Single(r => r is { Run: "b", Step: 2 }).Point.LrArea, 1e-15);
    }

    [Fact]
    public void Curve_without_run_column_is_one_curve_with_one_bootstrap_unit_per_row()
    {
        string path = Write("step,lr,loss\n1,1e-3,4\n2,1e-3,3.9\n3,1e-3,3.8\n4,1e-3,3.7\n");

        var rows = FitCsv.Read(path, ScalingLaws.Create(ScalingLaw.CurveAnnealing), lossRequired: true);

        Assert.Equal(4e-3, rows[^1].Point.LrArea, 1e-15);
        Assert.Equal(4, rows.Select(r => r.Run).Distinct().Count());
    }

    [Fact]
    public void Annealing_without_lr_column_names_it()
    {
        string path = Write("run,step,loss\na,1,4\na,2,3.9\na,3,3.8\na,4,3.7\n");
        Assert.Contains($"{path}:1: missing column 'lr'", ReadFails(path, ScalingLaw.CurveAnnealing).Message);
    }

    [Fact]
    public void Rows_with_role_holdout_are_predicted_not_fitted()
    {
        var law = ScalingLaws.Create(ScalingLaw.Power);
        var rows = FitCsv.Read(PublishedTables.MuScalingCsv, law, lossRequired: true);

        Assert.Equal(7, FitCsv.Samples(rows, law, PublishedTables.MuScalingCsv).Count);
        Assert.Equal(3, rows.Count(r => r.HeldOut));
    }
}
