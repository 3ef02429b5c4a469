using System.Text.Json;
using Precision = NanoLM.Spec.Precision;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;

namespace NanoLM.Training.Trainer;

/// <summary>
/// Writes and reads a run's checkpoints: state, model weights, AdamW moments and the torch RNG, one file per step. A new
/// checkpoint never replaces the old one in place: the trainer deletes the old one only once the store has recorded the
/// new one, so a process killed in between leaves the checkpoint the store knows, and the steps it covers, intact.
/// </summary>
public static class Checkpoint
{
    const string Magic = "nanolm-checkpoint-1";
    const string Prefix = "checkpoint";
    const string Extension = ".bin";

    public static string PathIn(string directory, int step) => Path.Combine(directory, $"{Prefix}-{step:D8}{Extension}");

    /// <summary>Saves to a temporary file and renames it into place, so a crash never leaves a torn checkpoint.</summary>
    public static string Save(string directory, CheckpointState state, LanguageModel model, MuPAdamW optimizer)
    {
        Directory.CreateDirectory(directory);
        string path = PathIn(directory, state.Step);
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

    /// <summary>Deletes the directory's other checkpoints, once the store has recorded <paramref name="kept"/>.</summary>
    public static void DeleteAllBut(string directory, string kept)
    {
        foreach (string file in Files(directory))
            if (!string.Equals(Path.GetFullPath(file), Path.GetFullPath(kept), StringComparison.Ordinal)) File.Delete(file);
    }

    /// <summary>
    /// Restores model, optimizer and RNG from the latest checkpoint in <paramref name="directory"/>; null when there is
    /// none yet. (Before training, the runner deletes any checkpoint its store did not record.)
    /// </summary>
    public static CheckpointState? TryLoad(string directory, LanguageModel model, MuPAdamW optimizer)
    {
        string? path = Files(directory).MaxBy(StepOf);
        if (path is null) return null;
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var state = ReadState(reader, path);
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

    /// <summary>
    /// The model a checkpoint holds, with its weights and without the optimizer's state: for scoring a finished run
    /// again, for example on more validation windows than it was trained with. A bf16 run saved its weights in bf16,
    /// so its <paramref name="precision"/> is needed to read them.
    /// </summary>
    public static LanguageModel LoadModel(string path, Precision precision)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var state = ReadState(reader, path);
        var config = JsonSerializer.Deserialize<ModelConfig>(state.ModelConfigJson)
                     ?? throw new InvalidDataException($"{path} has no model configuration.");
        var model = LanguageModel.Create(config, seed: 0);
        if (precision == Precision.Bf16) model.to(torch.ScalarType.BFloat16);
        model.load(reader);
        return model;
    }

    static CheckpointState ReadState(BinaryReader reader, string path)
    {
        if (reader.ReadString() != Magic) throw new InvalidDataException($"{path} is not a nanolm checkpoint.");
        return JsonSerializer.Deserialize<CheckpointState>(reader.ReadString())
               ?? throw new InvalidDataException($"{path} has no state.");
    }

    // checkpoint.bin, the single file of stores from before 2026-12-07, counts as older than every numbered one.
    static int StepOf(string file) =>
        int.TryParse(Path.GetFileNameWithoutExtension(file).AsSpan(Prefix.Length).TrimStart('-'), out int step) ? step : -1;

    static IEnumerable<string> Files(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, Prefix + "*").Where(f => f.EndsWith(Extension, StringComparison.Ordinal))
        : [];
}
