using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>
/// Imports official ViL (VisionLSTM2) weights — official or training-code key names — into a
/// <see cref="TrackerModel"/>: block weights by name, the patch embedding as is, the final norm, and the single
/// official position embedding resized bicubically to the template grid and to the search grid. The classifier
/// head and legacy norm are not used. Everything the tracker has beyond ViL (type embeddings, FiLM, experts,
/// context encoder, heads) keeps its initialisation.
/// </summary>
public static class OfficialVilImport
{
    /// <summary>
    /// Builds a tracker of <paramref name="config"/>'s shape whose backbone starts from the official ViL weights in
    /// the safetensors file <paramref name="path"/>. The convolution kind and kernel size follow the weights (official
    /// ViL2: 2-D 3x3), since they decide the shapes of the block weights; everything else is the given configuration.
    /// </summary>
    /// <returns>The model and the number of imported tensors.</returns>
    /// <exception cref="VilWeightsException">Missing blocks or shape mismatches (e.g. another <c>dim</c>), all listed.</exception>
    /// <exception cref="IOException">The file is missing or not valid safetensors.</exception>
    public static (TrackerModel Model, int Imported) CreateFrom(TrackerModelConfig config, string path)
    {
        using var file = SafeTensorsFile.Open(path);
        var weights = file.LoadAll();
        try
        {
            // Built outside any dispose scope: the model's parameters outlive this call.
            var model = new TrackerModel(WithConvolutionOf(config, weights));
            try
            {
                return (model, Import(model, weights, path).Count);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    /// <summary>
    /// <paramref name="config"/> with the convolution kind and kernel size of the weights' first block: a 4-D
    /// <c>layer.conv.weight</c> is the official 2-D convolution, a 3-D <c>layer.conv.conv.weight</c> the causal 1-D one.
    /// Weights with neither keep the configuration's convolution.
    /// </summary>
    public static TrackerModelConfig WithConvolutionOf(TrackerModelConfig config, IReadOnlyDictionary<string, Tensor> weights)
    {
        const string firstLayer = "blocks.0.rowwise_from_top_left.layer.";
        var names = ByOfficialNames(weights);
        if (names.TryGetValue(firstLayer + "conv.weight", out var conv2d) && conv2d.dim() == 4)
            return config with { ConvKind = VilConvKind.Conv2d, ConvKernelSize = (int)conv2d.shape[3] };
        if (names.TryGetValue(firstLayer + "conv.conv.weight", out var conv1d) && conv1d.dim() == 3)
            return config with { ConvKind = VilConvKind.Causal1d, ConvKernelSize = (int)conv1d.shape[2] };
        return config;
    }

    /// <summary>
    /// Copies the matching weights into <paramref name="model"/>. Official blocks beyond the tracker's depth are
    /// skipped; every tracker block must be present with the same shapes (e.g. the same convolution kind).
    /// </summary>
    /// <returns>The tracker parameter names that were imported.</returns>
    /// <exception cref="VilWeightsException">Tracker blocks missing from the weights, or shape mismatches (all listed).</exception>
    public static IReadOnlyList<string> Import(TrackerModel model, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var incoming = ByOfficialNames(weights);
        var target = model.state_dict();
        var plan = new Dictionary<string, Tensor>();
        foreach (var name in target.Keys.Where(IsSharedWithVil))
            if (incoming.TryGetValue(name, out var value))
                plan[name] = value;
        if (incoming.TryGetValue("pos_embed.embed", out var pos) && pos.dim() == 4)
        {
            plan["pos_embed_z.embed"] = PositionEmbedding2d.Resize(pos, model.Config.TemplateGrid);
            plan["pos_embed_x.embed"] = PositionEmbedding2d.Resize(pos, model.Config.SearchGrid);
        }

        var missing = target.Keys.Where(n => n.StartsWith("blocks.", StringComparison.Ordinal) && !plan.ContainsKey(n)).ToList();
        if (!incoming.ContainsKey("patch_embed.proj.weight")) missing.Add("patch_embed.proj.weight");
        if (!incoming.ContainsKey("pos_embed.embed")) missing.Add("pos_embed.embed");
        var mismatched = plan
            .Where(kv => !kv.Value.shape.SequenceEqual(target[kv.Key].shape))
            .Select(kv => $"{kv.Key}: weights [{string.Join(", ", kv.Value.shape)}] vs tracker [{string.Join(", ", target[kv.Key].shape)}]")
            .ToList();
        var nonFinite = plan.Where(kv => kv.Value.is_floating_point() && !kv.Value.isfinite().all().item<bool>())
            .Select(kv => kv.Key).ToList();
        if (missing.Count + mismatched.Count + nonFinite.Count > 0)
            throw new VilWeightsException(source, missing, [], mismatched, nonFinite);

        foreach (var (name, value) in plan)
            target[name].copy_(value);
        return plan.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>The weights keyed by their official names (training-code names of released checkpoints renamed).</summary>
    private static Dictionary<string, Tensor> ByOfficialNames(IReadOnlyDictionary<string, Tensor> weights) =>
        VilWeightLoader.UsesTrainingNames(weights.Keys)
            ? weights.ToDictionary(kv => VilWeightLoader.RenameTrainingKey(kv.Key), kv => kv.Value)
            : weights.ToDictionary(kv => kv.Key, kv => kv.Value);

    private static bool IsSharedWithVil(string name) =>
        name.StartsWith("patch_embed.", StringComparison.Ordinal) ||
        name.StartsWith("blocks.", StringComparison.Ordinal) ||
        name.StartsWith("norm.", StringComparison.Ordinal);
}
