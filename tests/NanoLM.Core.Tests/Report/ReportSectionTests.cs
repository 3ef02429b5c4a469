using NanoLM.CoordCheck;
using NanoLM.Report;

namespace NanoLM.Tests.Report;

public sealed class ReportSectionTests
{
    [Fact]
    public void Search_flags_an_optimum_that_drifts_across_widths()
    {
        var drifting = ReportFixtures.Search(driftingOptimum: true);
        var steady = ReportFixtures.Search(driftingOptimum: false);

        Assert.True(drifting.OptimumDrifts);
        Assert.Equal(4.0, drifting.DriftFactor, 9);
        Assert.False(steady.OptimumDrifts);
        var notices = Section(ReportFixtures.Minimal() with { Search = drifting }, ReportSectionTitles.Search).Blocks.OfType<NoticeBlock>();
        Assert.Contains(notices, n => n.Kind == NoticeKind.Warning && n.Text.Contains("drifts across widths") && n.Text.Contains("search.rungs"));
    }

    [Fact]
    public void Search_reads_a_drift_as_handled_when_the_drifting_widths_search_on_their_own()
    {
        var drifting = ReportFixtures.Search(driftingOptimum: true);
        var handled = drifting with { Sweeps = [.. drifting.Sweeps.Select(s => s with { OwnSearch = s.Width == 32 })] };

        var notices = Section(ReportFixtures.Minimal() with { Search = handled }, ReportSectionTitles.Search).Blocks.OfType<NoticeBlock>().ToList();

        Assert.DoesNotContain(notices, n => n.Kind == NoticeKind.Warning && n.Text.Contains("drifts"));
        Assert.Contains(notices, n => n.Kind == NoticeKind.Passed && n.Text.Contains("width 32 searched on its own"));
    }

    [Fact]
    public void Search_warns_when_the_optimum_sits_at_the_edge_of_the_grid()
    {
        var sweep = new LearningRateSweep(64, [new(1e-3, 3.0), new(2e-3, 2.9), new(4e-3, 2.8)]);
        var notices = Section(ReportFixtures.Minimal() with { Search = new SearchResults([sweep]) }, ReportSectionTitles.Search).Blocks.OfType<NoticeBlock>();

        Assert.Contains(notices, n => n.Kind == NoticeKind.Warning && n.Text.Contains("edge of the grid"));
    }

    [Fact]
    public void Coord_check_names_the_modules_whose_activations_grow_with_width()
    {
        int[] widths = [64, 128, 256, 512];
        CoordCheckCurve Curve(string module, double slope) => new(module, 4, widths, [.. widths.Select(w => Math.Pow(w, slope))]);
        var standard = new CoordCheckResults("sp", [Curve("embedding", 0.0), Curve("attn.out", 0.5), Curve("readout", 1.0)]);

        var notices = Section(ReportFixtures.Minimal() with { CoordCheck = standard }, ReportSectionTitles.CoordCheck).Blocks.OfType<NoticeBlock>();
        var passed = Section(ReportFixtures.Full(), ReportSectionTitles.CoordCheck).Blocks.OfType<NoticeBlock>();

        Assert.Contains(notices, n => n.Kind == NoticeKind.Warning && n.Text.EndsWith("in: attn.out, readout."));
        Assert.Contains(passed, n => n.Kind == NoticeKind.Passed);
    }

    [Fact]
    public void Relative_error_follows_the_mu_scaling_sign_convention()
    {
        var target = new TargetPrediction("width 1024", 194.24, Predicted: 3.1890, Lower: 3.17, Upper: 3.20, Measured: 3.1797);

        Assert.Equal("+0.29 %", ReportFormat.RelativeError(target.RelativeError!.Value));
        Assert.True(target.IntervalContainsMeasured);
        Assert.Equal("-0.18 %", ReportFormat.RelativeError(new BacktestRow(7, 1446.72, 3.0369, 3.0425).RelativeError));
    }

    [Fact]
    public void Summary_states_the_headline_prediction_and_its_error()
    {
        var paragraphs = Section(ReportFixtures.Full(), ReportSectionTitles.Summary).Blocks.OfType<ParagraphBlock>().Select(p => p.Text).ToList();

        Assert.Equal(3, paragraphs.Count);
        Assert.Contains("predicted loss 3.1890 [3.1635, 3.2145] nats/token; measured 3.1797, error +0.29 %", paragraphs[0]);
    }

    [Fact]
    public void Summary_shows_the_gates_verdict_and_its_warnings_signal_first()
    {
        static NoticeBlock Verdict(ReportModel model) =>
            Section(model, ReportSectionTitles.Summary).Blocks.OfType<NoticeBlock>().Single(n => n.Text.StartsWith("Fit-quality gate"));
        var full = ReportFixtures.Full();

        Assert.Empty(Section(full, ReportSectionTitles.Summary).Blocks.OfType<NoticeBlock>());
        var passed = Verdict(full with { Summary = full.Summary with { Gate = "passed" } });
        Assert.Equal(NoticeKind.Passed, passed.Kind);
        var warned = Verdict(full with { Summary = full.Summary with { Gate = "passed", GateWarnings = ["The ladder cannot tell the target from its widest rung: …"] } });
        Assert.Equal(NoticeKind.Warning, warned.Kind);
        Assert.Equal("Fit-quality gate: passed. The ladder cannot tell the target from its widest rung: …", warned.Text);
    }

    [Fact]
    public void Targets_table_shows_the_gain_over_the_widest_rung_with_its_interval()
    {
        var full = ReportFixtures.Full();
        var targets = full.Fit!.Targets!.Select(t => t with { Gain = new RungGain("width 896", 0.0123, 0.004, 0.02) }).ToList();
        var model = full with { Fit = full.Fit with { Targets = targets } };

        var table = Section(model, ReportSectionTitles.Fit).Blocks.OfType<TableBlock>().Single(t => t.Columns[0].Header == "target");
        int column = table.Columns.Select(c => c.Header).ToList().IndexOf("gain over width 896");
        Assert.True(column >= 0);
        Assert.Equal("+1.23 % [+0.40 %, +2.00 %]", table.Rows[0][column]);
    }

    [Fact]
    public void Targets_table_gives_an_interval_for_one_training_and_one_for_the_expected_loss_and_says_which_is_which()
    {
        var full = ReportFixtures.Full();
        var targets = full.Fit!.Targets!.Select(t => t with { ExpectedLower = 3.1700, ExpectedUpper = 3.2080 }).ToList();
        var model = full with { Fit = full.Fit with { Targets = targets } };

        var blocks = Section(model, ReportSectionTitles.Fit).Blocks;
        var table = blocks.OfType<TableBlock>().Single(t => t.Columns[0].Header == "target");
        var headers = table.Columns.Select(c => c.Header).ToList();
        Assert.Equal("[3.1700, 3.2080]", table.Rows[0][headers.IndexOf("expected-loss interval")]);
        Assert.Equal(headers.IndexOf("interval") + 1, headers.IndexOf("expected-loss interval"));
        Assert.Contains(blocks.OfType<ParagraphBlock>(), p => p.Text.StartsWith("The interval is for one training of the target"));
        var headline = Section(model, ReportSectionTitles.Summary).Blocks.OfType<ParagraphBlock>().First().Text;
        Assert.Contains("predicted loss 3.1890 nats/token, [3.1635, 3.2145] for one training and [3.1700, 3.2080] for the expected loss; measured 3.1797", headline);
        // Without one (no bootstrap), a dash, and nothing to explain.
        var without = Section(full, ReportSectionTitles.Fit).Blocks;
        Assert.Equal("—", without.OfType<TableBlock>().Single(t => t.Columns[0].Header == "target").Rows[0][headers.IndexOf("expected-loss interval")]);
        Assert.DoesNotContain(without.OfType<ParagraphBlock>(), p => p.Text.StartsWith("The interval is for one training of the target"));
    }

    [Fact]
    public void Cost_compares_search_and_ladder_with_the_target()
    {
        var cost = ReportFixtures.Full().Cost!;

        Assert.Equal(0.14, cost.PrecursorFlopsFraction!.Value, 9);
        var notice = Section(ReportFixtures.Full(), ReportSectionTitles.Cost).Blocks.OfType<NoticeBlock>().Single();
        Assert.Equal(NoticeKind.Passed, notice.Kind);
        Assert.StartsWith("Search + ladder used 14.0 % of the target's FLOPs and 94.0 % of its wall time", notice.Text);
    }

    [Fact]
    public void Numbers_read_the_same_in_every_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("8.94M", ReportFormat.Count(8.94e6));
            Assert.Equal("1.4e-2", ReportFormat.LearningRate(0.014));
            Assert.Equal("1e1", ReportFormat.Scientific(9.999, 2));
            Assert.Equal("3 min 48 s", ReportFormat.Duration(TimeSpan.FromSeconds(228)));
            Assert.Equal("3.1797", ReportFormat.Loss(3.17970));
            Assert.Equal("1M", ReportFormat.Count(999_999.99999));
            Assert.Equal("2.9233", ReportFormat.Number(2.9233));
            Assert.Equal("870.78", ReportFormat.Number(870.7812));
            Assert.Equal("1.2e-5", ReportFormat.Number(1.2e-5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    static ReportSection Section(ReportModel model, string title) =>
        ReportDocumentBuilder.Build(model).Sections.Single(s => s.Title == title);
}
