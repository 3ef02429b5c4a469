namespace NanoLM.Tests.Report;

/// <summary>A fact that renders a page in headless Chromium; skipped with a reason where /usr/bin/chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Binary))
            Skip = $"{Binary} is not installed (apt-get install -y chromium); the report's screenshot test needs it.";
    }
}
