namespace NanoLM.Data.Preparation;

/// <summary>How far `data prepare` has got: input bytes read of the total, tokens and documents written.</summary>
public sealed record PrepareProgress(long InputBytesRead, long InputBytesTotal, long Tokens, long Documents, string CurrentFile, TimeSpan Elapsed)
{
    public double BytesPerSecond => Elapsed.TotalSeconds > 0 ? InputBytesRead / Elapsed.TotalSeconds : 0;

    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? Tokens / Elapsed.TotalSeconds : 0;
}
