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
    /// Copies the matching weights into <paramref name="model"/>. Official blocks beyond the tracker's depth are
    /// skipped; every tracker block must be present with the same shapes (e.g. the same convolution kind).
    /// </summary>
    /// <returns>The tracker parameter names that were imported.</returns>
    /// <exception cref="VilWeightsException">Tracker blocks missing from the weights, or shape mismatches (all listed).</exception>
    public static IReadOnlyList<string> Import(TrackerModel model, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var incoming = VilWeightLoader.UsesTrainingNames(weights.Keys)
            ? weights.ToDictionary(kv => VilWeightLoader.RenameTrainingKey(kv.Key), kv => kv.Value)
            : weights.ToDictionary(kv => kv.Key, kv => kv.Value);
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

    private static bool IsSharedWithVil(string name) =>
        name.StartsWith("patch_embed.", StringComparison.Ordinal) ||
        name.StartsWith("blocks.", StringComparison.Ordinal) ||
        name.StartsWith("norm.", StringComparison.Ordinal);
}
