namespace NanoLM.Plan;

/// <summary>A run's identity: the SHA-256 (hex) of its canonical resolved settings; <see cref="Short"/> is for display.</summary>
public readonly record struct RunIdentity(string Hash)
{
    public const int ShortLength = 12;

    public string Short => Hash.Length <= ShortLength ? Hash : Hash[..ShortLength];

    public override string ToString() => Hash;
}
