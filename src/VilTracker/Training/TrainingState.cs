using System.Text.Json;
using System.Text.Json.Serialization;
using VilTracker.IO;

namespace VilTracker.Training;

/// <summary>
/// <c>state.json</c> of a checkpoint: where the run stands and the recipe it follows. The sampler needs no saved
/// state: samples are drawn from (seed, step, index) alone.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Steps completed (the next step to run, 0-based).</summary>
    [JsonPropertyName("step")] public long Step { get; init; }

    /// <summary>Epoch of the next step.</summary>
    [JsonPropertyName("epoch")] public long Epoch { get; init; }

    /// <summary>Training phase (1 or 2).</summary>
    [JsonPropertyName("phase")] public int Phase { get; init; }

    /// <summary>Run seed.</summary>
    [JsonPropertyName("seed")] public ulong Seed { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    [JsonPropertyName("schedule")] public WarmupCosineSchedule Schedule { get; init; } = new(0, 0, 1);

    /// <summary>The full recipe.</summary>
    [JsonPropertyName("options")] public TrainingOptions Options { get; init; } = new();

    /// <summary>The data sources, as named in the mix (a resumed run must use the same).</summary>
    [JsonPropertyName("sources")] public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Training wall time so far, in seconds.</summary>
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the state atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a state file; the error names the file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid state.</exception>
    public static TrainingState Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid training state ({e.Message}). Delete this checkpoint folder and point 'latest' at an earlier one.", e);
        }
    }
}
