using TorchSharp;
using VilTracker.IO;
using VilTracker.Model;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

public class TrackerModelTests
{
    /// <summary>A tiny configuration: 1 template token (16 px), 2x2 search tokens (32 px).</summary>
    internal static TrackerModelConfig Tiny => new()
    {
        Preset = "tiny", Dim = 16, Blocks = 2, PatchSize = 16, TemplateSize = 16, SearchSize = 32,
        ContextDim = 8, FilmAfterBlocks = [0], MoeBlocks = 1, Experts = 2, ExpertHiddenRatio = 1.0, HeadChannels = [4],
    };

    [Theory]
    [InlineData("uav-small", 128, 256)]
    [InlineData("uav-small", 192, 384)]
    [InlineData("vil-t", 128, 256)]
    [InlineData("vil-s", 128, 256)]
    public void EveryPresetProducesMapsOnTheSearchGrid(string preset, int template, int search)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var config = TrackerPresets.Get(preset) with { TemplateSize = template, SearchSize = search };
        using var model = new TrackerModel(config);
        model.eval();
        int f = search / 16;
        var output = model.call(randn(1, 3, template, template), randn(1, 3, search, search), randn(1, 3, config.Dim));
        Assert.Equal(new long[] { 1, 1, f, f }, output.Score.shape);
        Assert.Equal(new long[] { 1, 2, f, f }, output.Size.shape);
        Assert.Equal(new long[] { 1, 2, f, f }, output.Offset.shape);
        Assert.Equal(new long[] { 1, 4, f, f }, output.LogVariance.shape);
        Assert.Equal(new long[] { 1, config.Dim }, output.TemplateFeature.shape);
        Assert.Equal(new long[] { 1, config.Dim, f, f }, output.SearchFeatures.shape);
        Assert.True(output.Score.isfinite().all().item<bool>());
    }

    [Fact]
    public void FilmIsTheIdentityAtInitialisation()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var model = new TrackerModel(Tiny with { Blocks = 4, FilmAfterBlocks = [0, 1, 2] });
        model.eval();
        var (z, x, m) = (randn(1, 3, 16, 16), randn(1, 3, 32, 32), randn(1, 2, 16));
        model.FilmEnabled = true;
        var on = model.call(z, x, m);
        model.FilmEnabled = false;
        var off = model.call(z, x, m);
        Assert.True(on.SearchFeatures.eq(off.SearchFeatures).all().item<bool>());
    }

    [Fact]
    public void FrozenSharedExpertGetsNoGradientWhileEveryOtherParameterDoes()
    {
        using var scope = NewDisposeScope();
        using var model = new TrackerModel(Tiny with { MoeBlocks = 2 });
        using (no_grad())
            foreach (var p in model.parameters()) p.add_(randn_like(p) * 0.1); // leave the zero initialisations
        model.train();
        model.FreezeSharedExperts(true);
        var output = model.call(randn(2, 3, 16, 16), randn(2, 3, 32, 32), randn(2, 1, 16));
        (output.Score.sum() + output.Size.sum() + output.Offset.sum() + output.LogVariance.sum() + output.TemplateFeature.sum())
            .backward();
        foreach (var (name, p) in model.named_parameters())
        {
            bool shared = name.Contains(".shared.");
            Assert.Equal(!shared, p.requires_grad);
            if (shared)
                Assert.True(p.grad is null, $"{name} received a gradient");
            else
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} received no gradient");
        }
    }

    [Fact]
    public void MacCountOfTinyConfigEqualsHandComputation()
    {
        using var model = new TrackerModel(Tiny);
        model.eval();
        var (macs, byKind) = ConstraintReporter.CountMacs(model);
        // Patch embedding (Conv2d 3->16, k16): (1 + 4 tokens) x 16 channels x 3·16·16 = 61,440.
        long patch = 5 * 16 * 768;
        // Context encoder: Linear 16->8 (128) + Linear 8->8 (64).
        long context = 128 + 64;
        // One ViL sub-block, D 16, E 32, N 5 tokens, 4 heads of 8:
        //   proj_up 5·64·16 = 5,120; causal conv (32 ch, k 4, padded output length 5 + 3 = 8): 32·8·4 = 1,024;
        //   q, k, v headwise (blocks of 4): 3 · 5·32·4 = 1,920; gates 2 · 5·4·96 = 3,840;
        //   parallel cell 4 heads · 2 · 5² · 8 = 1,600; proj_down 5·16·32 = 2,560.
        long subBlock = 5120 + 1024 + 1920 + 3840 + 1600 + 2560;
        // Mixture (last block): router 8->2 (16); shared + 2 experts, each 2 · 5·16·16 = 2,560.
        long mixture = 16 + 3 * 2560;
        // FiLM after block 0: Linear 8->32.
        long film = 8 * 32;
        // Centre head on the 2x2 map: per tower conv3x3 16->4 (4·4 outputs · 16·9 = 2,304), then 1x1 4->1, 4->2, 4->2.
        long head = 3 * 2304 + 4 * 1 * 4 + 4 * 2 * 4 + 4 * 2 * 4;
        // Uncertainty head: conv3x3 16->4 (2,304) + 1x1 4->4 (4·4·4 = 64).
        long uncertainty = 2304 + 64;
        Assert.Equal(patch + context + 2 * subBlock + mixture + film + head + uncertainty, macs);
        Assert.Equal(2 * 1600, byKind["mlstm cell"]);
    }

    [Fact]
    public void CellMacsFollowTheBackend()
    {
        using var model = new TrackerModel(Tiny);
        var cell = model.BlockPairs[0].TopLeft.Layer.Cell;
        cell.Backend = MlstmBackend.Recurrent;
        // 4 heads · 5 steps · (2·8² + 8) = 2,720.
        Assert.Equal(2720, MacCounter.CellMacs(cell, 1, 5, 32));
        cell.Backend = MlstmBackend.Chunkwise;
        cell.ChunkSize = 2;
        // chunks 2, 2, 1: per head Σ 2·L²·8 + L·(2·64 + 8) = (64 + 272) + (64 + 272) + (16 + 136) = 824; 4 heads.
        Assert.Equal(4 * 824, MacCounter.CellMacs(cell, 1, 5, 32));
    }

    [Fact]
    public void ConfigRoundTripsThroughJsonAndRejectsBadValues()
    {
        var json = TrackerPresets.UavSmall.ToJson();
        Assert.Contains("\"conv_kind\": \"causal1d\"", json);
        var back = TrackerModelConfig.FromJson(json, "config.json");
        Assert.Equal(TrackerPresets.UavSmall.ToJson(), back.ToJson());
        var error = Assert.Throws<ArgumentException>(() => (Tiny with { Blocks = 3 }).Validate());
        Assert.Contains("blocks 3", error.Message);
        Assert.Contains("config.json", Assert.Throws<InvalidDataException>(() => TrackerModelConfig.FromJson("{", "config.json")).Message);
    }
}
