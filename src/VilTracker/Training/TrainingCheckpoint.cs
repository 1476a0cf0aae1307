using VilTracker.IO;
using VilTracker.Model;
using VilTracker.Training.Losses;
using static TorchSharp.torch;

namespace VilTracker.Training;

/// <summary>
/// Checkpoints of a run folder: <c>checkpoints/step-000123/</c> holds the model (float32 <c>model.safetensors</c> +
/// <c>config.json</c>), the AdamW state (<c>optimizer.safetensors</c>: moments by parameter name, step counts in the
/// metadata), the learned loss weights when adaptive weighting is on (<c>weighting.safetensors</c>) and
/// <c>state.json</c>. A checkpoint is written under a temporary folder name and renamed when complete, then the text
/// file <c>checkpoints/latest</c> is rewritten atomically to name it: a run killed at any moment leaves either the
/// previous or the new checkpoint as the latest, never a partial one.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Folder of the checkpoints inside a run folder.</summary>
    public const string FolderName = "checkpoints";

    /// <summary>Text file naming the latest complete checkpoint folder.</summary>
    public const string LatestFile = "latest";

    /// <summary>State file inside a checkpoint.</summary>
    public const string StateFile = "state.json";

    /// <summary>Optimizer state file inside a checkpoint.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <summary>Learned loss weights inside a checkpoint (adaptive weighting only).</summary>
    public const string WeightingFile = "weighting.safetensors";

    /// <summary>The folder name of the checkpoint after <paramref name="step"/> completed steps.</summary>
    public static string NameOf(long step) => $"step-{step:D6}";

    /// <summary>Writes a checkpoint of the run and marks it latest; returns its folder.</summary>
    public static string Write(string runFolder, TrainingState state, TrackerModel model, AdamWOptimizer optimizer, UncertaintyWeighting? weighting)
    {
        string root = Path.Combine(runFolder, FolderName);
        Directory.CreateDirectory(root);
        string name = NameOf(state.Step);
        string final = Path.Combine(root, name);
        string temp = Path.Combine(root, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            ModelFolder.Save(model, temp, weightType: ScalarType.Float32);
            optimizer.Save(Path.Combine(temp, OptimizerFile));
            if (weighting is not null)
                SafeTensorsWriter.Write(Path.Combine(temp, WeightingFile), [KeyValuePair.Create("log_variances", weighting.LogVariances)]);
            state.Save(Path.Combine(temp, StateFile));
            if (Directory.Exists(final))
                Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
        AtomicFile.WriteAllText(Path.Combine(root, LatestFile), name + "\n");
        return final;
    }

    /// <summary>The latest complete checkpoint folder of the run, or null when there is none.</summary>
    /// <exception cref="InvalidDataException"><c>latest</c> names a folder that does not exist.</exception>
    public static string? Latest(string runFolder)
    {
        string latest = Path.Combine(runFolder, FolderName, LatestFile);
        if (!File.Exists(latest)) return null;
        string name = File.ReadAllText(latest).Trim();
        string folder = Path.Combine(runFolder, FolderName, name);
        if (name.Length == 0 || !Directory.Exists(folder))
            throw new InvalidDataException($"{latest} names checkpoint '{name}', which does not exist in {Path.Combine(runFolder, FolderName)}; write the name of an existing step-* folder into it.");
        return folder;
    }

    /// <summary>
    /// Deletes the temporary folders of checkpoints whose writing was interrupted (a run killed mid-write); complete
    /// checkpoints are never touched. Returns how many were removed.
    /// </summary>
    public static int RemoveIncomplete(string runFolder)
    {
        string root = Path.Combine(runFolder, FolderName);
        if (!Directory.Exists(root)) return 0;
        var stale = Directory.GetDirectories(root, ".step-*.tmp");
        foreach (var folder in stale)
            Directory.Delete(folder, recursive: true);
        return stale.Length;
    }

    /// <summary>Loads the optimizer state of <paramref name="checkpoint"/> into <paramref name="optimizer"/> (built over the same parameters).</summary>
    public static void LoadOptimizer(string checkpoint, AdamWOptimizer optimizer)
    {
        string path = Path.Combine(checkpoint, OptimizerFile);
        if (!File.Exists(path))
            throw new FileNotFoundException(File.Exists(Path.Combine(checkpoint, "optimizer.bin"))
                ? $"{checkpoint}: the optimizer state is in TorchSharp's format (optimizer.bin) of viltrack before 2026-12-04, which this version does not read; start a new run, or fine-tune from its model with --init."
                : $"{path}: checkpoint has no optimizer state; it is incomplete, resume from an earlier one.", path);
        optimizer.Load(path);
    }

    /// <summary>Loads the learned loss weights of <paramref name="checkpoint"/> into <paramref name="weighting"/>.</summary>
    public static void LoadWeighting(string checkpoint, UncertaintyWeighting weighting)
    {
        string path = Path.Combine(checkpoint, WeightingFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: the run uses adaptive weighting but the checkpoint has no learned weights.", path);
        using var file = SafeTensorsFile.Open(path);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        weighting.LogVariances.copy_(file.Load("log_variances"));
    }
}
