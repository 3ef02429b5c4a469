using System.Text.Json;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;

namespace NanoLM.Training.Trainer;

/// <summary>Writes and reads a run's checkpoint: state, model weights, AdamW moments and the torch RNG, in one atomically replaced file.</summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";
    const string Magic = "nanolm-checkpoint-1";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>Saves to a temporary file and renames it over the old one, so a crash never leaves a torn checkpoint.</summary>
    public static string Save(string directory, CheckpointState state, LanguageModel model, IRunOptimizer optimizer)
    {
        Directory.CreateDirectory(directory);
        string path = PathIn(directory);
        string temporary = path + $".{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state));
            model.save(writer);
            optimizer.Save(writer);
            using var rng = torch.get_rng_state();
            rng.Save(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Restores model, optimizer and RNG from <paramref name="directory"/>; null when there is no checkpoint yet.</summary>
    public static CheckpointState? TryLoad(string directory, LanguageModel model, IRunOptimizer optimizer)
    {
        string path = PathIn(directory);
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (reader.ReadString() != Magic) throw new InvalidDataException($"{path} is not a nanolm checkpoint.");
        var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString())
                    ?? throw new InvalidDataException($"{path} has no state.");
        string expected = JsonSerializer.Serialize(model.Config);
        if (state.ModelConfigJson != expected)
            throw new InvalidDataException($"{path} was written for another model ({state.ModelConfigJson}).");
        model.load(reader);
        optimizer.Load(reader);
        using var rng = torch.get_rng_state();
        rng.Load(reader);
        torch.set_rng_state(rng);
        return state;
    }
}
