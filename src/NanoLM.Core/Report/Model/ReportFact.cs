namespace NanoLM.Report;

/// <summary>One labelled value in a two-column table (summary extras, environment).</summary>
public sealed record ReportFact(string Name, string Value);
