using TorchSharp;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>Loading weights by name: clear errors, training-code names, pos-embed resizing.</summary>
public class VilWeightLoaderTests
{
    private static readonly VisionLstmConfig Tiny = new() { Dim = 16, Depth = 1, InputShape = [3, 32, 32], PatchSize = 8, OutputShape = [5], LegacyNorm = true };

    [Fact]
    public void MissingUnexpectedAndMismatchedTensorsAreAllNamedInOneException()
    {
        using var scope = NewDisposeScope();
        using var model = new VisionLstm(Tiny);
        var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        weights.Remove("blocks.0.rowwise_from_top_left.layer.q_proj.weight");
        weights["blocks.0.extra.weight"] = zeros(3);
        weights["head.weight"] = zeros(5, 17);
        weights["norm.bias"] = full(16, double.NaN);
        var error = Assert.Throws<VilWeightsException>(() => VilWeightLoader.Load(model, weights, "w.safetensors"));
        Assert.Equal(["blocks.0.rowwise_from_top_left.layer.q_proj.weight"], error.Missing);
        Assert.Equal(["blocks.0.extra.weight"], error.Unexpected);
        Assert.Single(error.Mismatched);
        Assert.Contains("head.weight: weights [5, 17] vs model [5, 32]", error.Message);
        Assert.Equal(["norm.bias"], error.NonFinite);
        Assert.Contains("w.safetensors", error.Message);
    }

    [Fact]
    public void TrainingCodeNamesAreRenamedAsTheHubDoes()
    {
        Assert.Equal("blocks.0.rowwise_from_top_left.norm.weight", VilWeightLoader.RenameTrainingKey("xlstm.blocks.0.xlstm_norm.weight"));
        Assert.Equal("blocks.5.rowwise_from_bot_right.layer.proj_up.weight", VilWeightLoader.RenameTrainingKey("xlstm.blocks.11.xlstm.proj_up.weight"));
        Assert.Equal("blocks.1.rowwise_from_top_left.layer.conv.weight", VilWeightLoader.RenameTrainingKey("xlstm.blocks.2.xlstm.conv1d.weight"));
        Assert.Equal("blocks.0.rowwise_from_bot_right.layer.mlstm_cell.igate.bias", VilWeightLoader.RenameTrainingKey("xlstm.blocks.1.xlstm.mlstm_cell.igate.bias"));
        Assert.Equal("norm.weight", VilWeightLoader.RenameTrainingKey("xlstm.post_blocks_norm.weight"));
        Assert.Equal("legacy_norm.bias", VilWeightLoader.RenameTrainingKey("head.0.bias"));
        Assert.Equal("head.weight", VilWeightLoader.RenameTrainingKey("head.1.weight"));
        Assert.Equal("patch_embed.proj.weight", VilWeightLoader.RenameTrainingKey("patch_embed.proj.weight"));
    }

    [Fact]
    public void CheckpointWithTrainingNamesLoadsIntoTheStandaloneModel()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(2);
        using var source = new VisionLstm(Tiny);
        using var target = new VisionLstm(Tiny);
        var training = source.state_dict().ToDictionary(kv => ToTrainingName(kv.Key), kv => kv.Value);
        Assert.Contains("xlstm.blocks.1.xlstm.conv1d.weight", training.Keys);
        VilWeightLoader.Load(target, training, "training checkpoint");
        foreach (var (name, p) in source.state_dict())
            Assert.True(VilFixtures.MaxAbsDiff(p, target.state_dict()[name]) == 0, name);
    }

    [Fact]
    public void PositionEmbeddingOfAnotherGridIsResizedAtLoad()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var small = new VisionLstm(Tiny);
        using var large = new VisionLstm(Tiny with { InputShape = [3, 48, 64] });
        var weights = small.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        VilWeightLoader.Load(large, weights, "4x4 checkpoint");
        var expected = PositionEmbedding2d.Resize(weights["pos_embed.embed"], new TokenGrid(6, 8));
        VilFixtures.AssertClose(expected, large.PositionEmbedding.Embed, 0, "resized pos_embed");
    }

    /// <summary>The inverse of the hub renaming (the training code's key layout), written independently of the loader.</summary>
    private static string ToTrainingName(string key)
    {
        if (key.StartsWith("blocks.", StringComparison.Ordinal))
        {
            var parts = key.Split('.', 4);
            var index = 2 * int.Parse(parts[1]) + (parts[2] == "rowwise_from_top_left" ? 0 : 1);
            var rest = parts[3].Replace("layer.conv.", "layer.conv1d.").Replace("layer.", "xlstm.");
            if (rest.StartsWith("norm.", StringComparison.Ordinal))
                rest = "xlstm_norm." + rest["norm.".Length..];
            return $"xlstm.blocks.{index}.{rest}";
        }

        if (key.StartsWith("norm.", StringComparison.Ordinal))
            return "xlstm.post_blocks_norm." + key["norm.".Length..];
        if (key.StartsWith("legacy_norm.", StringComparison.Ordinal))
            return "head.0." + key["legacy_norm.".Length..];
        if (key.StartsWith("head.", StringComparison.Ordinal))
            return "head.1." + key["head.".Length..];
        return key;
    }
}
