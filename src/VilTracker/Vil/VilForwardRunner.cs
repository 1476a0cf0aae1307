using TorchSharp;
using VilTracker.IO;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Library side of <c>viltrack vil forward</c>: builds the ViL from a weights file's <c>config</c> metadata (or a config
/// file), loads the weights by name, runs it on <c>input.x</c> in that tensor's dtype and writes
/// <c>output.features</c> (the final-normed tokens: mode features, pooling none, no legacy norm) and
/// <c>output.logits</c> (the model output for the config as given).
/// </summary>
public static class VilForwardRunner
{
    /// <summary>Metadata key holding the official constructor arguments as JSON.</summary>
    public const string ConfigMetadataKey = "config";

    /// <summary>Name of the input images tensor (B, C, H, W).</summary>
    public const string InputName = "input.x";

    /// <summary>Name of the features output (B, N, D).</summary>
    public const string FeaturesName = "output.features";

    /// <summary>Name of the model output for the given config.</summary>
    public const string LogitsName = "output.logits";

    /// <summary>Runs the forward pass and writes the outputs atomically.</summary>
    /// <param name="weightsPath">safetensors file with the weights by official (or training-code) names; tensors named
    /// <c>input.*</c> or <c>output.*</c> in it are not weights and are skipped (reference fixtures bundle them), and so
    /// are <c>legacy_norm.*</c> when the config has <c>legacy_norm</c> false (that norm is then absent, as in the official
    /// model built without it).</param>
    /// <param name="inputPath">safetensors file holding <c>input.x</c> (B, C, H, W), float32 or float64.</param>
    /// <param name="outputPath">safetensors file to write.</param>
    /// <param name="configPath">Optional JSON file with the constructor arguments, overriding the weights' metadata.</param>
    /// <returns>The configuration used.</returns>
    public static VisionLstmConfig Run(string weightsPath, string inputPath, string outputPath, string? configPath = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var weightsFile = SafeTensorsFile.Open(weightsPath);
        var config = ReadConfig(weightsFile, configPath);

        using var inputFile = SafeTensorsFile.Open(inputPath);
        var images = ReadInput(inputFile, config);

        using var model = new VisionLstm(config, initialize: false);
        model.to(images.dtype);
        model.eval();
        var weights = weightsFile.Names
            .Where(n => !n.StartsWith("input.", StringComparison.Ordinal) && !n.StartsWith("output.", StringComparison.Ordinal))
            .Where(n => config.LegacyNorm || !n.StartsWith("legacy_norm.", StringComparison.Ordinal))
            .ToDictionary(n => n, weightsFile.Load);
        VilWeightLoader.Load(model, weights, weightsPath);

        var tokens = model.Embed(images);
        var grid = model.PatchEmbedding.GridFor(images.shape[2], images.shape[3]);
        foreach (var pair in model.BlockPairs)
            tokens = pair.forward(tokens, grid);
        var features = model.FinalNorm.forward(tokens);
        var logits = model.PoolAndClassify(features);

        SafeTensorsWriter.Write(outputPath,
            [new(FeaturesName, features), new(LogitsName, logits)],
            new Dictionary<string, string> { [ConfigMetadataKey] = config.ToJson() });
        return config;
    }

    private static VisionLstmConfig ReadConfig(SafeTensorsFile weightsFile, string? configPath)
    {
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
                throw new FileNotFoundException($"Config file '{configPath}' does not exist; pass a JSON file of VisionLSTM2 arguments.", configPath);
            return VisionLstmConfig.FromJson(File.ReadAllText(configPath), configPath);
        }

        if (!weightsFile.Metadata.TryGetValue(ConfigMetadataKey, out var json))
            throw new InvalidDataException(
                $"{weightsFile.Path}: no '{ConfigMetadataKey}' metadata with the VisionLSTM2 arguments; pass --config FILE with them as JSON.");
        return VisionLstmConfig.FromJson(json, $"{weightsFile.Path} metadata '{ConfigMetadataKey}'");
    }

    private static Tensor ReadInput(SafeTensorsFile inputFile, VisionLstmConfig config)
    {
        if (!inputFile.Contains(InputName))
            throw new InvalidDataException(
                $"{inputFile.Path}: no tensor '{InputName}'; it holds {string.Join(", ", inputFile.Names)}. Store the images (B, C, H, W) as '{InputName}'.");
        var images = inputFile.Load(InputName);
        if (images.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new InvalidDataException($"{inputFile.Path}: '{InputName}' is {images.dtype}; store it as float32 or float64.");
        long[] expected = [config.InputShape[0], config.InputShape[1], config.InputShape[2]];
        if (images.dim() != 4 || !images.shape.Skip(1).SequenceEqual(expected))
            throw new InvalidDataException(
                $"{inputFile.Path}: '{InputName}' has shape [{string.Join(", ", images.shape)}] but the config's input_shape is " +
                $"[{string.Join(", ", expected)}]; expected (B, {string.Join(", ", expected)}).");
        if (!images.isfinite().all().item<bool>())
            throw new InvalidDataException($"{inputFile.Path}: '{InputName}' contains NaN or infinity.");
        return images;
    }
}
