using System.Text;

namespace NanoLM.Store;

/// <summary>
/// A run's settings JSON as the store holds it, in UTF-8, equal to another when the bytes are. `runs list` walks
/// thousands of these, and decoding each into a string first doubled what it allocated.
/// </summary>
public sealed class StoredSettings(byte[] utf8) : IEquatable<StoredSettings>
{
    readonly byte[] utf8 = utf8;

    public static StoredSettings FromJson(string json) => new(Encoding.UTF8.GetBytes(json));

    public ReadOnlyMemory<byte> Utf8 => utf8;

    public string Json => Encoding.UTF8.GetString(utf8);

    public bool Equals(StoredSettings? other) => other is not null && utf8.AsSpan().SequenceEqual(other.utf8);

    public override bool Equals(object? obj) => Equals(obj as StoredSettings);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    public override string ToString() => Json;
}
