using System.Text.Json;

namespace NanoLM.Data.Preparation;

/// <summary>manifest.json of a prepared dataset: which tokenizer, how it was split, and what each shard holds.</summary>
public sealed record DatasetManifest
{
    public const string FileName = "manifest.json";
    public const string TrainFileName = "train.tokens";
    public const string ValidationFileName = "validation.tokens";
    public const string CurrentFormat = "nanolm-dataset/1";

    public string Format { get; init; } = CurrentFormat;
    public required string Tokenizer { get; init; }
    public required int VocabularySize { get; init; }
    public required double ValidationFraction { get; init; }
    public required int SplitSeed { get; init; }
    public required ShardSummary Train { get; init; }
    public required ShardSummary Validation { get; init; }
    public required IReadOnlyList<string> Inputs { get; init; }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes under a temporary name and renames, so a reader never sees half a manifest.</summary>
    public void Save(string directory)
    {
        string path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".partial", ToJson() + "\n");
        File.Move(path + ".partial", path, overwrite: true);
    }

    public static DatasetManifest Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new UserError($"{path}: not found; is {directory} a folder made by `dotnet nanolm data prepare`?");
        try
        {
            var manifest = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), Json)
                ?? throw new UserError($"{path}: empty manifest");
            if (manifest.Format != CurrentFormat)
                throw new UserError($"{path}: format '{manifest.Format}', this nanolm reads '{CurrentFormat}'; prepare the data again");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not a valid dataset manifest ({e.Message.Split(". ")[0]})");
        }
    }
}
