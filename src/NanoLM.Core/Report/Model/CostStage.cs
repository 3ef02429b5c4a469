namespace NanoLM.Report;

/// <summary>The stages whose compute a report accounts for.</summary>
public enum CostStage
{
    Search,
    Ladder,
    Target,
}
