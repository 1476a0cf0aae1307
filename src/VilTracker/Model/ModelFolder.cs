using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>
/// A trained model on disk in the layout model hubs expect: <c>model.safetensors</c> (weights by parameter name, fp16
/// by default, with the configuration also in the file's metadata key <c>config</c>), <c>config.json</c> and a model
/// card <c>README.md</c>. Every file is written atomically.
/// </summary>
public static class ModelFolder
{
    /// <summary>Weights file name inside a model folder.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Configuration file name inside a model folder.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Model card file name inside a model folder.</summary>
    public const string CardFile = "README.md";

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="folder"/>: weights (floating tensors in
    /// <paramref name="weightType"/>; BatchNorm counters stay integers), configuration and, when given, the model card.
    /// </summary>
    public static void Save(TrackerModel model, string folder, string? card = null, ScalarType weightType = ScalarType.Float16)
    {
        Directory.CreateDirectory(folder);
        var json = model.Config.ToJson();
        using (var scope = NewDisposeScope())
        {
            var tensors = model.state_dict()
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.is_floating_point() ? kv.Value.detach().to(weightType) : kv.Value.detach()))
                .ToList();
            SafeTensorsWriter.Write(Path.Combine(folder, WeightsFile), tensors, new Dictionary<string, string> { ["config"] = json });
        }
        AtomicFile.WriteAllText(Path.Combine(folder, ConfigFile), json + "\n");
        if (card is not null)
            AtomicFile.WriteAllText(Path.Combine(folder, CardFile), card);
    }

    /// <summary>
    /// Loads a model from a model folder or directly from a weights file. The configuration comes from
    /// <c>config.json</c> beside the weights, else from the weights' metadata. Weights are converted to float32.
    /// </summary>
    /// <exception cref="FileNotFoundException">No weights file, or no configuration anywhere.</exception>
    /// <exception cref="VilWeightsException">The weights do not fit the configuration (names and shapes listed).</exception>
    public static TrackerModel Load(string path)
    {
        string weightsPath = Directory.Exists(path) ? Path.Combine(path, WeightsFile) : path;
        if (!File.Exists(weightsPath))
            throw new FileNotFoundException(
                $"{weightsPath}: no model weights here. Pass a model folder (with {WeightsFile} and {ConfigFile}) or a .safetensors file written by viltrack.", weightsPath);
        using var file = SafeTensorsFile.Open(weightsPath);
        var configPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!, ConfigFile);
        TrackerModelConfig config = File.Exists(configPath)
            ? TrackerModelConfig.FromJson(File.ReadAllText(configPath), configPath)
            : file.Metadata.TryGetValue("config", out var embedded)
                ? TrackerModelConfig.FromJson(embedded, $"{weightsPath} (metadata 'config')")
                : throw new FileNotFoundException(
                    $"{weightsPath}: no {ConfigFile} beside it and no 'config' in its metadata, so the network shape is unknown.", configPath);
        var model = new TrackerModel(config);
        try
        {
            LoadWeights(model, file);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    private static void LoadWeights(TrackerModel model, SafeTensorsFile file)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var target = model.state_dict();
        var names = file.Names.ToHashSet();
        var missing = target.Keys.Where(n => !names.Contains(n)).ToList();
        var unexpected = names.Where(n => !target.ContainsKey(n)).ToList();
        var mismatched = target.Keys.Where(names.Contains)
            .Where(n => !file.Info(n).Shape.SequenceEqual(target[n].shape))
            .Select(n => $"{n}: file [{string.Join(", ", file.Info(n).Shape)}] vs model [{string.Join(", ", target[n].shape)}]")
            .ToList();
        if (missing.Count + unexpected.Count + mismatched.Count > 0)
            throw new VilWeightsException(file.Path, missing, unexpected, mismatched, []);
        var nonFinite = new List<string>();
        foreach (var (name, parameter) in target)
        {
            var value = file.Load(name);
            if (value.is_floating_point() && !value.isfinite().all().item<bool>())
                nonFinite.Add(name);
            else
                parameter.copy_(value);
        }
        if (nonFinite.Count > 0)
            throw new VilWeightsException(file.Path, [], [], [], nonFinite);
    }
}
