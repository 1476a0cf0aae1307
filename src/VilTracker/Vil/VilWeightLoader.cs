using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Loads a state dict (name to tensor) into a <see cref="VisionLstm"/> by name, as the official
/// <c>VisionLSTM2.load_state_dict</c> does: official key names, or the training-code names of the released
/// checkpoints (renamed by the hub rules, spec A9); <c>pos_embed.embed</c> resized bicubically if its grid differs;
/// in features mode the head is ignored and legacy_norm keeps its fresh (1, 0) values.
/// </summary>
public static partial class VilWeightLoader
{
    /// <summary>Copies <paramref name="weights"/> into <paramref name="model"/> (converting dtype), all or nothing.</summary>
    /// <param name="model">Model to fill.</param>
    /// <param name="weights">Tensors by official or training-code name.</param>
    /// <param name="source">Where the weights come from, quoted in error messages.</param>
    /// <exception cref="VilWeightsException">Missing, unexpected, shape-mismatched or non-finite tensors (all listed).</exception>
    public static void Load(VisionLstm model, IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var incoming = UsesTrainingNames(weights.Keys)
            ? weights.ToDictionary(kv => RenameTrainingKey(kv.Key), kv => kv.Value)
            : weights.ToDictionary(kv => kv.Key, kv => kv.Value);
        var target = model.state_dict();

        if (model.Config.Mode == VilMode.Features)
        {
            foreach (var name in incoming.Keys.Where(n => n.StartsWith("head.", StringComparison.Ordinal) ||
                                                          n.StartsWith("legacy_norm.", StringComparison.Ordinal)).ToList())
                incoming.Remove(name);
            foreach (var name in target.Keys.Where(n => n.StartsWith("legacy_norm.", StringComparison.Ordinal)))
                incoming[name] = target[name].clone();
        }

        const string posKey = "pos_embed.embed";
        if (incoming.TryGetValue(posKey, out var pos) && target.TryGetValue(posKey, out var posTarget) &&
            pos.dim() == 4 && pos.shape[0] == 1 && pos.shape[3] == posTarget.shape[3] &&
            (pos.shape[1] != posTarget.shape[1] || pos.shape[2] != posTarget.shape[2]))
            incoming[posKey] = PositionEmbedding2d.Resize(pos, new TokenGrid((int)posTarget.shape[1], (int)posTarget.shape[2]));

        var missing = target.Keys.Where(n => !incoming.ContainsKey(n)).ToList();
        var unexpected = incoming.Keys.Where(n => !target.ContainsKey(n)).ToList();
        var mismatched = target.Keys
            .Where(n => incoming.ContainsKey(n) && !incoming[n].shape.SequenceEqual(target[n].shape))
            .Select(n => $"{n}: weights [{string.Join(", ", incoming[n].shape)}] vs model [{string.Join(", ", target[n].shape)}]")
            .ToList();
        var nonFinite = incoming
            .Where(kv => target.ContainsKey(kv.Key) && kv.Value.is_floating_point() && !kv.Value.isfinite().all().item<bool>())
            .Select(kv => kv.Key)
            .ToList();
        if (missing.Count + unexpected.Count + mismatched.Count + nonFinite.Count > 0)
            throw new VilWeightsException(source, missing, unexpected, mismatched, nonFinite);

        foreach (var (name, parameter) in target)
            parameter.copy_(incoming[name]);
    }

    /// <summary>Whether the names are those of the training code (<c>xlstm.blocks.*</c>, <c>head.0.*</c>, ...).</summary>
    public static bool UsesTrainingNames(IEnumerable<string> names) =>
        names.Any(n => n.StartsWith("xlstm.", StringComparison.Ordinal) || n.StartsWith("head.0.", StringComparison.Ordinal) ||
                       n.StartsWith("head.1.", StringComparison.Ordinal));

    /// <summary>
    /// The hub's renaming of one training-code key (spec A9): <c>.xlstm.</c> to <c>.layer.</c>, drop <c>xlstm.</c>,
    /// <c>.xlstm_norm.</c> to <c>.norm.</c>, <c>.conv1d.</c> to <c>.conv.</c>, sub-block <c>blocks.{i}.</c> to
    /// <c>blocks.{i/2}.rowwise_from_top_left.</c> (even i) or <c>.rowwise_from_bot_right.</c> (odd i),
    /// <c>post_blocks_norm.</c> to <c>norm.</c>, <c>head.0.</c> to <c>legacy_norm.</c>, <c>head.1.</c> to <c>head.</c>.
    /// </summary>
    public static string RenameTrainingKey(string key)
    {
        var k = key.Replace(".xlstm.", ".layer.", StringComparison.Ordinal)
            .Replace("xlstm.", "", StringComparison.Ordinal)
            .Replace(".xlstm_norm.", ".norm.", StringComparison.Ordinal)
            .Replace(".conv1d.", ".conv.", StringComparison.Ordinal);
        var block = SubBlockKey().Match(k);
        if (block.Success)
        {
            var i = int.Parse(block.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var direction = i % 2 == 0 ? "rowwise_from_top_left" : "rowwise_from_bot_right";
            return $"blocks.{i / 2}.{direction}.{block.Groups[2].Value}";
        }

        if (k.StartsWith("post_blocks_norm.", StringComparison.Ordinal))
            return "norm." + k["post_blocks_norm.".Length..];
        if (k.StartsWith("head.0.", StringComparison.Ordinal))
            return "legacy_norm." + k["head.0.".Length..];
        if (k.StartsWith("head.1.", StringComparison.Ordinal))
            return "head." + k["head.1.".Length..];
        return k;
    }

    [GeneratedRegex(@"^blocks\.(\d+)\.(.+)$")]
    private static partial Regex SubBlockKey();
}
