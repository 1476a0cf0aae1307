using System.Text.RegularExpressions;

namespace VilTracker.Model;

/// <summary>Counts a <see cref="TrackerModel"/>'s parameters per component, for the constraint report.</summary>
public static partial class ParameterBreakdown
{
    /// <summary>Component names in report order.</summary>
    public static IReadOnlyList<string> Components { get; } =
        ["embeddings", "backbone blocks", "TMoE blocks", "FiLM + temporal context", "center head", "uncertainty head"];

    /// <summary>Parameters per component (keys: <see cref="Components"/>); the values sum to the model's total.</summary>
    public static IReadOnlyDictionary<string, long> Count(TrackerModel model)
    {
        var counts = Components.ToDictionary(c => c, _ => 0L);
        int firstMoeBlock = model.Config.Blocks - model.Config.MoeBlocks;
        foreach (var (name, parameter) in model.named_parameters())
            counts[ComponentOf(name, firstMoeBlock)] += parameter.NumberOfElements;
        return counts;
    }

    /// <summary>The component a parameter belongs to. The last <c>moe_blocks</c> ViL blocks count with their experts as "TMoE blocks".</summary>
    public static string ComponentOf(string name, int firstMoeBlock)
    {
        if (name.StartsWith("patch_embed.") || name.StartsWith("pos_embed_") || name == "type_embed")
            return "embeddings";
        if (name.StartsWith("moe."))
            return "TMoE blocks";
        var block = SubBlock().Match(name);
        if (block.Success)
        {
            int index = 2 * int.Parse(block.Groups[1].Value) + (block.Groups[2].Value == "rowwise_from_top_left" ? 0 : 1);
            return index >= firstMoeBlock ? "TMoE blocks" : "backbone blocks";
        }
        if (name.StartsWith("norm."))
            return "backbone blocks";
        if (name.StartsWith("film.") || name.StartsWith("context_encoder."))
            return "FiLM + temporal context";
        if (name.StartsWith("head."))
            return "center head";
        if (name.StartsWith("uncertainty_head."))
            return "uncertainty head";
        throw new InvalidOperationException($"Parameter '{name}' belongs to no known component; extend ParameterBreakdown.");
    }

    [GeneratedRegex(@"^blocks\.(\d+)\.(rowwise_from_top_left|rowwise_from_bot_right)\.")]
    private static partial Regex SubBlock();
}
