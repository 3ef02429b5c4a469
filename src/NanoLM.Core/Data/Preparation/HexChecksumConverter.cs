using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLM.Data.Preparation;

/// <summary>Checksums as 16 hex digits: JSON numbers lose 64-bit precision in many readers.</summary>
public sealed class HexChecksumConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ulong.Parse(reader.GetString() ?? "", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
}
