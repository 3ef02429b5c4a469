using System.Globalization;
using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>
/// Reads the `fit` command's CSV: columns params, tokens, flops (6·N·D when absent), loss; for training curves run, step
/// and lr, from which each run's learning-rate areas are computed. Optional `role` = holdout marks rows to predict, not fit.
/// Every problem is a <see cref="UserError"/> naming the file and line.
/// </summary>
public static class FitCsv
{
    public static IReadOnlyList<FitRow> Read(string path, IScalingLaw law, bool lossRequired)
    {
        var table = CsvTable.Read(path);
        bool curves = table.Has("step") && table.Has("lr");
        if (lossRequired && !table.Has("loss"))
            throw new UserError($"{path}:1: missing column 'loss' (the header has {string.Join(", ", table.Columns)})");

        var parsed = table.Rows.Select(row => ParseRow(table, row.Line, row.Cells, lossRequired && !curves)).ToList();
        if (curves) AddLearningRateAreas(table, parsed);

        var rows = new List<FitRow>(parsed.Count);
        foreach (var row in parsed)
        {
            var point = curves
                ? LawPoint.OnCurve(row.Step!.Value, row.LrArea, row.AnnealingArea, row.Params, row.Tokens)
                : LawPoint.Ladder(row.Params, row.Tokens, row.Flops);
            if (law.MissingInput(point) is string missing)
            {
                string column = missing.Split(' ')[0];
                if (column is "lr" or "step") column = !table.Has("step") ? "step" : !table.Has("lr") ? "lr" : column;
                throw table.Has(column) || (column == "tokens" && table.Has("flops"))
                    ? new UserError($"{path}:{row.Line}: the {law.Name} law needs {missing}, which this row does not give")
                    : new UserError($"{path}:1: missing column '{column}' needed by the {law.Name} law (the header has {string.Join(", ", table.Columns)})");
            }
            // Without a run column, each row is its own unit for the bootstrap (and a curve file is one curve).
            rows.Add(new FitRow(row.Line, row.Run ?? $"line {row.Line}", row.Step, point, row.Loss, row.HeldOut));
        }
        return rows;
    }

    /// <summary>The rows to fit, checked to be at least as many as the law has parameters.</summary>
    public static IReadOnlyList<FitSample> Samples(IReadOnlyList<FitRow> rows, IScalingLaw law, string path)
    {
        var samples = rows.Where(r => !r.HeldOut && r.Loss.HasValue).Select(r => new FitSample(r.Point, r.Loss!.Value, r.Run)).ToList();
        if (samples.Count < law.ParameterNames.Count)
            throw new UserError($"{path}:{(rows.Count > 0 ? rows[^1].Line : 1)}: only {samples.Count} rows with a loss to fit, but the {law.Name} law has {law.ParameterNames.Count} parameters");
        return samples;
    }

    sealed class ParsedRow
    {
        public int Line;
        public string? Run;
        public long? Step;
        public double Params = double.NaN, Tokens = double.NaN, Flops = double.NaN, Lr = double.NaN, LrArea = double.NaN, AnnealingArea = double.NaN;
        public double? Loss;
        public bool HeldOut;
    }

    static ParsedRow ParseRow(CsvTable table, int line, string[] cells, bool lossRequired)
    {
        string? Cell(string column)
        {
            int index = table.IndexOf(column);
            if (index < 0) return null;
            string text = cells[index].Trim();
            return text.Length == 0 ? null : text;
        }
        double Number(string column, bool positive)
        {
            if (Cell(column) is not string text) return double.NaN;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new UserError($"{table.Path}:{line}: column '{column}' has '{text}', which is not a number");
            if (positive ? value <= 0 : value < 0)
                throw new UserError($"{table.Path}:{line}: column '{column}' must be {(positive ? "positive" : "zero or more")}, but is {text}");
            return value;
        }

        var row = new ParsedRow
        {
            Line = line,
            Run = Cell("run"),
            Params = Number("params", positive: true),
            Tokens = Number("tokens", positive: true),
            Flops = Number("flops", positive: true),
            Lr = Number("lr", positive: false),
            HeldOut = string.Equals(Cell("role"), "holdout", StringComparison.OrdinalIgnoreCase),
        };
        double loss = Number("loss", positive: true);
        row.Loss = double.IsNaN(loss) ? null : loss;
        if (lossRequired && row.Loss is null && !row.HeldOut)
            throw new UserError($"{table.Path}:{line}: column 'loss' is empty; every row to fit needs a loss");
        double step = Number("step", positive: false);
        if (!double.IsNaN(step))
        {
            if (step != Math.Floor(step)) throw new UserError($"{table.Path}:{line}: column 'step' has {step}, which is not a whole number");
            row.Step = (long)step;
        }
        return row;
    }

    static void AddLearningRateAreas(CsvTable table, List<ParsedRow> rows)
    {
        foreach (var run in rows.GroupBy(r => r.Run ?? ""))
        {
            var ordered = run.OrderBy(r => r.Step ?? long.MinValue).ToList();
            foreach (var row in ordered)
            {
                if (row.Step is null) throw new UserError($"{table.Path}:{row.Line}: column 'step' is empty; training-curve rows need a step");
                if (double.IsNaN(row.Lr)) throw new UserError($"{table.Path}:{row.Line}: column 'lr' is empty; training-curve rows need the learning rate");
            }
            for (int i = 1; i < ordered.Count; i++)
                if (ordered[i].Step == ordered[i - 1].Step)
                    throw new UserError($"{table.Path}:{ordered[i].Line}: step {ordered[i].Step} of run '{run.Key}' appears twice");
            var areas = LearningRateAreas.Compute([.. ordered.Select(r => r.Step!.Value)], [.. ordered.Select(r => r.Lr)]);
            for (int i = 0; i < ordered.Count; i++)
                (ordered[i].LrArea, ordered[i].AnnealingArea) = areas[i];
        }
    }
}
