using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class SpecDiagnosticTests
{
    static readonly SpecLoadOptions PlentyOfMemory = new() { MemoryBudgetBytes = 64L << 30 };

    static IReadOnlyList<Diagnostic> Diagnose(string yaml, SpecLoadOptions? options = null) =>
        SpecLoader.Parse(yaml, "nanolm.yaml", options ?? PlentyOfMemory).Diagnostics;

    [Theory]
    [InlineData("syntax: unclosed flow list", "model:\n  depth: [1, 2\n", "NLM0101", 3, 1)]
    [InlineData("unclosed flow list, then a key", "name: x\na: [b\nc: 1\n", "NLM0101", 2, 4)]
    [InlineData("unclosed flow mapping, then a key", "name: x\na: {b: 1\nc: 1\n", "NLM0101", 2, 4)]
    [InlineData("tab in the indentation, reported where it is", "name: x\nmodel:\n  depth: 2\nladder:\n\twidths: [32, 48, 64, 96]\n", "NLM0101", 5, 1)]
    [InlineData("duplicate key", "model:\n  depth: 2\n  depth: 3\n", "NLM0102", 3, 3)]
    [InlineData("unknown top-level key", "nmae: x\n", "NLM0103", 1, 1)]
    [InlineData("unknown nested key", "train:\n  optimizer:\n    lr: 0.01\n    wd: 0.1\n", "NLM0103", 4, 5)]
    [InlineData("shards without a path", "data:\n  source: shards\n", "NLM0104", 2, 11)]
    [InlineData("document is a list", "- a\n- b\n", "NLM0105", 1, 1)]
    [InlineData("empty file", "", "NLM0106", 1, 1)]
    [InlineData("only comments and blank lines", "# my experiment\n\n  # to do\n", "NLM0106", 1, 1)]
    [InlineData("integer expected", "train:\n  steps: many\n", "NLM0201", 2, 10)]
    [InlineData("quoted number is a string", "model:\n  depth: \"2\"\n", "NLM0201", 2, 10)]
    [InlineData("section given as scalar", "ladder: 5\n", "NLM0201", 1, 9)]
    [InlineData("target is not a mapping", "targets:\n  - 384\n", "NLM0201", 2, 5)]
    [InlineData("depth out of range", "model:\n  depth: 0\n", "NLM0202", 2, 10)]
    [InlineData("threads 0, which meant every core: a machine-dependent result", "train:\n  threads: 0\n", "NLM0202", 2, 12)]
    [InlineData("negative lr in the grid", "search:\n  grid:\n    lr: [0.01, -0.02]\n", "NLM0202", 3, 16)]
    [InlineData("invalid choice", "train:\n  schedule: cosin\n", "NLM0203", 2, 13)]
    [InlineData("betas of the wrong length", "train:\n  optimizer:\n    betas: [0.9]\n", "NLM0204", 3, 12)]
    [InlineData("width not divisible by head_dim", "model:\n  head_dim: 16\nladder:\n  widths: [32, 48, 64, 100]\n", "NLM0301", 4, 24)]
    [InlineData("head_dim that divides no default width", "model:\n  head_dim: 20\n", "NLM0301", 2, 13)]
    [InlineData("ladder not increasing", "ladder:\n  widths: [32, 64, 48, 96]\n", "NLM0302", 2, 20)]
    [InlineData("proxy outside the ladder", "search:\n  proxy_width: 256\n", "NLM0303", 2, 16)]
    [InlineData("a searched rung that is not a ladder width", "search:\n  rungs: [48, 40]\n", "NLM0319", 2, 15)]
    [InlineData("seeds for a width that is not a ladder width", "ladder:\n  seeds_by_width: { 40: 2 }\n", "NLM0320", 2, 25)]
    [InlineData("seeds by width as a list", "ladder:\n  seeds_by_width: [2]\n", "NLM0201", 2, 19)]
    [InlineData("no seeds at a width", "ladder:\n  seeds_by_width: { 64: 0 }\n", "NLM0202", 2, 25)]
    [InlineData("seeds by width keyed by a name", "ladder:\n  seeds_by_width: { widest: 2 }\n", "NLM0201", 2, 21)]
    [InlineData("grid and random together", "search:\n  grid:\n    lr: [0.01]\n  random:\n    budget: 4\n", "NLM0306", 5, 5)]
    [InlineData("warmup as long as training", "train:\n  steps: 100\n  warmup: 100\n", "NLM0309", 3, 11)]
    [InlineData("warmup share that rounds to the whole run", "train:\n  steps: 10\n  warmup: 96%\n", "NLM0309", 3, 11)]
    [InlineData("warmup share of 100 %", "train:\n  warmup: 100%\n", "NLM0201", 2, 11)]
    [InlineData("warmup neither steps nor a share", "train:\n  warmup: quarter\n", "NLM0201", 2, 11)]
    [InlineData("fit step after training", "predict:\n  fit_step: 5000\n", "NLM0310", 2, 13)]
    [InlineData("random range reversed", "search:\n  random:\n    lr: [0.1, 0.001]\n", "NLM0312", 3, 9)]
    [InlineData("target with width and params", "targets:\n  - { width: 384, params: 1000000 }\n", "NLM0313", 2, 5)]
    [InlineData("ladder of two widths", "ladder:\n  widths: [32, 64]\n", "NLM0314", 2, 11)]
    public void Each_class_of_mistake_reports_its_code_at_the_offending_node(string mistake, string yaml, string code, int line, int column)
    {
        var diagnostics = Diagnose(yaml);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"{mistake}: expected {code}, got: {string.Join(" | ", diagnostics)}");
        Assert.Equal((line, column), (match.Line, match.Column));
    }

    [Fact]
    public void Listing_the_proxy_in_search_rungs_is_a_warning_naming_it()
    {
        var warning = Assert.Single(Diagnose("search:\n  proxy_width: 48\n  rungs: [32, 48]\n"), d => d.Code == "NLM0307");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal((3, 15), (warning.Line, warning.Column));
        Assert.Contains("width 48 is the search's proxy", warning.Message);
        var ignored = Assert.Single(Diagnose("search:\n  rung_lr: [0.005]\n"), d => d.Code == "NLM0307");
        Assert.Equal((DiagnosticSeverity.Warning, 2, 12), (ignored.Severity, ignored.Line, ignored.Column));
    }

    [Fact]
    public void Batch_too_large_for_memory_is_an_error_and_over_half_of_it_a_warning()
    {
        const string yaml = "model:\n  seq_len: 256\ntrain:\n  batch: 64\n";
        var tooBig = Diagnose(yaml, new SpecLoadOptions { MemoryBudgetBytes = 1L << 30 }).Single(d => d.Code == "NLM0304");
        Assert.Equal((4, 10), (tooBig.Line, tooBig.Column));
        Assert.Equal(DiagnosticSeverity.Error, tooBig.Severity);
        Assert.Contains("lower train.batch", tooBig.Message);

        var large = Diagnose(yaml, new SpecLoadOptions { MemoryBudgetBytes = 5L << 29 }).Single(d => d.Code == "NLM0305");
        Assert.Equal(DiagnosticSeverity.Warning, large.Severity);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_valid_key_and_lists_them_all()
    {
        var diagnostic = Diagnose("model:\n  dpeth: 4\n").Single();
        Assert.Contains("did you mean 'depth'?", diagnostic.Message);
        Assert.Contains("valid keys: family, depth, head_dim", diagnostic.Message);
    }

    [Fact]
    public void Invalid_choice_lists_the_valid_choices_and_the_closest_one()
    {
        var diagnostic = Diagnose("train:\n  schedule: cosin\n").Single();
        Assert.Contains("must be one of cosine, wsd, constant, linear", diagnostic.Message);
        Assert.Contains("did you mean 'cosine'?", diagnostic.Message);
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column_severity_code_message()
    {
        var diagnostic = SpecLoader.Parse("model:\n  dpeth: 4\n", "experiments/tiny/nanolm.yaml", PlentyOfMemory).Diagnostics.Single();
        Assert.StartsWith("experiments/tiny/nanolm.yaml(2,3): error NLM0103: unknown key 'dpeth' in 'model'", diagnostic.ToString());
    }

    [Fact]
    public void Every_mistake_in_a_file_is_reported_in_one_pass_in_file_order()
    {
        var diagnostics = Diagnose("model:\n  depth: zero\n  heads: 4\ntrain:\n  device: tpu\n");
        Assert.Equal(["NLM0201", "NLM0103", "NLM0203"], diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_spec_with_errors_has_no_spec_and_throws_a_user_error_listing_them()
    {
        var result = SpecLoader.Parse("train:\n  steps: many\n", "nanolm.yaml", PlentyOfMemory);
        Assert.False(result.Succeeded);
        var error = Assert.Throws<UserError>(() => result.SpecOrThrow());
        Assert.Contains("nanolm.yaml(2,10): error NLM0201", error.Message);
    }

    [Fact]
    public void Warnings_alone_still_give_a_spec()
    {
        var result = SpecLoader.Parse("ladder:\n  widths: [32, 64, 128]\n", "nanolm.yaml", PlentyOfMemory);
        Assert.True(result.Succeeded);
        Assert.Equal("NLM0314", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void An_empty_spec_says_so_and_points_at_the_template()
    {
        var diagnostic = Diagnose("# nothing yet\n").Single();
        Assert.Contains("the spec is empty", diagnostic.Message);
        Assert.Contains("dotnet new nanolm-experiment", diagnostic.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)':', (byte)' ', (byte)'x', (byte)'\n', 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1 }, 2, 5, "a NUL byte at byte 12")]
    [InlineData(new byte[] { (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n' }, 1, 7, "an invalid UTF-8 sequence (0xC3) at byte 6")]
    public void A_binary_spec_is_not_text_at_its_first_bad_byte(byte[] bytes, int line, int column, string what)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nanolm-binary-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        try
        {
            var diagnostic = SpecLoader.Load(path).Diagnostics.Single();
            Assert.Equal(("NLM0107", line, column), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
            Assert.Contains($"not a text file: {what}", diagnostic.Message);
            Assert.DoesNotContain("ELF", diagnostic.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_spec_saved_as_utf16_with_its_mark_is_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nanolm-utf16-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: wide\nladder:\n  widths: [32, 48, 64, 96]\n", System.Text.Encoding.Unicode);
        try
        {
            var result = SpecLoader.Load(path, PlentyOfMemory);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.Equal("wide", result.Spec!.Name);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_names_the_file_as_the_caller_gave_it_and_reports_a_missing_file()
    {
        var missing = SpecLoader.Load("no/such/nanolm.yaml");
        Assert.StartsWith("no/such/nanolm.yaml(1,1): error NLM0100: cannot read the spec", missing.Diagnostics.Single().ToString());
    }
}
