using TorchSharp;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>State-dict names, order and shapes equal the official ones; parameter counts; both initialisations (A8).</summary>
public class VisionLstmStructureTests
{
    private static List<(string Name, long[] Shape)> ReadKeyFile(string file) =>
        File.ReadLines(VilFixtures.PathOf(file))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("input.", StringComparison.Ordinal) && !l.StartsWith("output.", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1].Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray()))
            .ToList();

    private static void AssertSameKeys(VisionLstm model, string keyFile)
    {
        var expected = ReadKeyFile(keyFile);
        var actual = model.state_dict().Select(kv => (kv.Key, kv.Value.shape)).ToList();
        Assert.Equal(expected.Select(e => e.Name), actual.Select(a => a.Key));
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i].Shape.SequenceEqual(actual[i].shape), $"{expected[i].Name}: shape");
    }

    [Fact]
    public void SmallAStateDictEqualsOfficialKeysInOrder()
    {
        using var file = VilFixtures.OpenSmallA(ScalarType.Float32);
        using var model = new VisionLstm(VisionLstmConfig.FromJson(file.Metadata["config"]));
        AssertSameKeys(model, "vil_small_A_keys.txt");
    }

    [Fact]
    public void VilSmallStateDictEqualsOfficialKeysInOrder()
    {
        var config = new VisionLstmConfig { Dim = 384, Depth = 12, LegacyNorm = true };
        using var model = new VisionLstm(config, initialize: false);
        AssertSameKeys(model, "vil_s_keys.txt");
    }

    [Theory]
    [InlineData(192, 6_391_528L)]
    [InlineData(384, 23_398_696L)]
    [InlineData(768, 89_263_528L)]
    public void ParameterCountsAt224With1000ClassesMatchOfficial(int dim, long expected)
    {
        // Without initialisation the large matrices are only reserved, not written: no ViL-B-sized memory is touched.
        using var model = new VisionLstm(new VisionLstmConfig { Dim = dim, Depth = 12, LegacyNorm = true }, initialize: false);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void CausalConvModelUsesTheOfficialNestedConvNames()
    {
        using var model = new VisionLstm(new VisionLstmConfig { Dim = 16, Depth = 1, InputShape = [3, 32, 32], ConvKind = VilConvKind.Causal1d });
        var keys = model.state_dict();
        Assert.Equal([16 * 2, 1, 3], keys["blocks.0.rowwise_from_top_left.layer.conv.conv.weight"].shape);
        Assert.True(keys.ContainsKey("blocks.0.rowwise_from_bot_right.layer.conv.conv.bias"));
    }

    [Theory]
    [InlineData(VilPooling.None, new long[] { 2, 49, 16 })]
    [InlineData(VilPooling.ToImage, new long[] { 2, 16, 7, 7 })]
    public void OverlappingPatchesResizeThePositionEmbeddingInForward(VilPooling pooling, long[] expectedShape)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // patch 8, stride 4 on 32x32: a 7x7 token grid, while the embedding keeps the official 4x4 (input // patch).
        var config = new VisionLstmConfig { Dim = 16, Depth = 1, InputShape = [3, 32, 32], PatchSize = 8, Stride = 4, Mode = VilMode.Features, Pooling = pooling, OutputShape = null };
        using var model = new VisionLstm(config);
        Assert.Equal([1L, 4, 4, 16], model.PositionEmbedding.Embed.shape);
        Assert.Equal(new TokenGrid(7, 7), model.Grid);
        var y = model.forward(randn(2, 3, 32, 32));
        Assert.Equal(expectedShape, y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData(VilInitWeights.Original)]
    [InlineData(VilInitWeights.OriginalFixed)]
    public void InitialisationFollowsOfficialRules(VilInitWeights init)
    {
        using var scope = NewDisposeScope();
        const int dim = 128, depth = 3;
        manual_seed(11);
        using var model = new VisionLstm(new VisionLstmConfig { Dim = dim, Depth = depth, InputShape = [3, 64, 64], InitWeights = init, LegacyNorm = true });
        var sd = model.state_dict();
        var layer = "blocks.1.rowwise_from_bot_right.layer.";
        double Std(string name) => sd[name].std().item<float>();

        Assert.Equal(Math.Sqrt(2.0 / (5 * dim)), Std(layer + "proj_up.weight"), 2e-3);
        Assert.Equal(Math.Sqrt(2.0 / (5 * dim)), Std(layer + "q_proj.weight"), 3e-3);
        var wang = 2.0 / (init == VilInitWeights.Original ? 1 : 2 * depth) / Math.Sqrt(dim);
        Assert.Equal(wang, Std(layer + "proj_down.weight"), wang * 0.05);
        Assert.Equal(new float[] { 3, 4, 5, 6 }, sd[layer + "mlstm_cell.fgate.bias"].data<float>().ToArray());
        Assert.Equal(0f, sd[layer + "mlstm_cell.fgate.weight"].abs().max().item<float>());
        Assert.Equal(0f, sd[layer + "mlstm_cell.igate.weight"].abs().max().item<float>());
        Assert.Equal(1f, sd[layer + "learnable_skip"].min().item<float>());
        Assert.Equal(1f, sd[layer + "learnable_skip"].max().item<float>());
        foreach (var zero in new[] { "proj_up.bias", "q_proj.bias", "proj_down.bias", "mlstm_cell.outnorm.weight", "mlstm_cell.outnorm.bias" })
            Assert.Equal(0f, sd[layer + zero].abs().max().item<float>());
        Assert.Equal(0f, sd["norm.weight"].abs().max().item<float>());
        Assert.Equal(1f, sd["legacy_norm.weight"].min().item<float>());
        var convBound = 1.0 / 3.0;
        Assert.True(sd[layer + "conv.weight"].abs().max().item<float>() <= convBound);
        Assert.Equal(convBound / Math.Sqrt(3), Std(layer + "conv.weight"), 0.01);
        Assert.True(sd["pos_embed.embed"].abs().max().item<float>() <= 2.0);
        Assert.Equal(0.02, Std("pos_embed.embed"), 2e-3);
        var xavier = Math.Sqrt(6.0 / (3 * 16 * 16 + dim));
        Assert.True(sd["patch_embed.proj.weight"].abs().max().item<float>() <= xavier);
        Assert.Equal(2e-5, Std("head.weight"), 2e-6);
    }
}
