using TorchSharp;
using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>
/// Parity with the official <c>VisionLSTM2</c> outputs of fixture A (<c>vil_small_A*.safetensors</c>): whole model,
/// every block, every inner step of blocks 0 and 1, and the stand-alone cell. Tolerances: float64 1e-9 absolute,
/// float32 2e-5 absolute (cell h 1e-5 relative).
/// </summary>
public class VilFixtureParityTests
{
    private static double Atol(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-9 : 2e-5;

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void LogitsWithLegacyNormMatchOfficial(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(dtype);
        using var model = VilFixtures.BuildSmallA(file, "config", dtype);
        VilFixtures.AssertClose(file.Load("output.logits"), model.forward(file.Load("input.x")), Atol(dtype), "output.logits");
    }

    [Theory]
    [InlineData(MlstmBackend.Recurrent)]
    [InlineData(MlstmBackend.Chunkwise)]
    public void LogitsMatchOfficialWithTheOtherMlstmForms(MlstmBackend backend)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(ScalarType.Float64);
        using var model = VilFixtures.BuildSmallA(file, "config", ScalarType.Float64);
        model.SetMlstmBackend(backend, chunkSize: 5);
        VilFixtures.AssertClose(file.Load("output.logits"), model.forward(file.Load("input.x")), 1e-9, $"output.logits ({backend})");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void LogitsWithoutLegacyNormMatchOfficial(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(dtype);
        using var model = VilFixtures.BuildSmallA(file, "config_no_legacy_norm", dtype, n => !n.StartsWith("legacy_norm.", StringComparison.Ordinal));
        VilFixtures.AssertClose(file.Load("output.logits_no_legacy_norm"), model.forward(file.Load("input.x")), Atol(dtype), "output.logits_no_legacy_norm");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void FeaturesMatchOfficial(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(dtype);
        // All weights, head and legacy_norm included: features mode ignores them, as the official load_state_dict does.
        using var model = VilFixtures.BuildSmallA(file, "config_features", dtype);
        Assert.Equal(VilPooling.None, model.Config.EffectivePooling);
        VilFixtures.AssertClose(file.Load("output.features"), model.forward(file.Load("input.x")), Atol(dtype), "output.features");
    }

    /// <summary>
    /// Spec A2: features mode with legacy_norm=True keeps a fresh legacy LayerNorm (weight 1, bias 0, eps 1e-5) even when
    /// the checkpoint has one, so the features are the official features re-normalised without affine.
    /// </summary>
    [Fact]
    public void FeaturesWithLegacyNormAreReNormalisedWithoutAffine()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(ScalarType.Float64);
        var config = VisionLstmConfig.FromJson(file.Metadata["config_features"]) with { LegacyNorm = true };
        using var model = new VisionLstm(config);
        model.to(ScalarType.Float64);
        model.eval();
        VilWeightLoader.Load(model, VilFixtures.Weights(file), file.Path);
        var expected = nn.functional.layer_norm(file.Load("output.features"), [64], eps: 1e-5);
        VilFixtures.AssertClose(expected, model.forward(file.Load("input.x")), 1e-9, "features with legacy norm");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void EveryStageMatchesOfficial(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(dtype);
        using var model = VilFixtures.BuildSmallA(file, "config", dtype);
        var atol = Atol(dtype);
        var x = file.Load("input.x");
        VilFixtures.AssertClose(file.Load("output.patch_embed"), model.PatchEmbedding.forward(x), atol, "output.patch_embed");
        var tokens = model.Embed(x);
        VilFixtures.AssertClose(file.Load("output.pos_embed").flatten(1, 2), tokens, atol, "output.pos_embed");
        var index = 0;
        foreach (var pair in model.BlockPairs)
            foreach (var block in new[] { pair.TopLeft, pair.BotRight })
            {
                tokens = block.forward(tokens);
                VilFixtures.AssertClose(file.Load($"output.block{index}"), tokens, atol, $"output.block{index}");
                index++;
            }

        Assert.Equal(8, index);
        var normed = model.FinalNorm.forward(tokens);
        VilFixtures.AssertClose(file.Load("output.norm"), normed, atol, "output.norm");
        VilFixtures.AssertClose(file.Load("output.pooled"), model.Pool(normed), atol, "output.pooled");
    }

    /// <summary>
    /// Each inner step of blocks 0 and 1 is fed the official input of that step (taken from the fixture) and compared
    /// with the official output, so a wrong step is pinned down by name.
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void EveryInnerStepOfBlocksZeroAndOneMatchesOfficial(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(dtype);
        using var model = VilFixtures.BuildSmallA(file, "config", dtype);
        var atol = Atol(dtype);
        var pair = model.BlockPairs[0];
        CheckInnerSteps(file, "blocks.0.rowwise_from_top_left", pair.TopLeft, file.Load("output.pos_embed").flatten(1, 2), atol);
        CheckInnerSteps(file, "blocks.0.rowwise_from_bot_right", pair.BotRight, file.Load("output.block0"), atol);
    }

    private static void CheckInnerSteps(SafeTensorsFile file, string path, ViLBlock block, Tensor blockInput, double atol)
    {
        Tensor Official(string step) => file.Load($"output.inner.{path}.{step}");
        void Check(string step, Tensor actual) => VilFixtures.AssertClose(Official(step), actual, atol, $"{path}.{step}");

        var layer = block.Layer;
        var reversed = layer.Direction == SequenceDirection.RowwiseFromBotRight;
        Check("norm", block.Norm.forward(blockInput));

        var layerInput = reversed ? Official("norm").flip(1) : Official("norm");
        Check("layer.proj_up", layer.ProjUp.forward(layerInput));

        var inner = Official("layer.proj_up").chunk(2, -1);
        Check("layer.conv", layer.Conv.forward(inner[0], layer.Layout));
        var convAct = nn.functional.silu(Official("layer.conv"));
        Check("layer.q_proj", layer.QProj.forward(convAct));
        Check("layer.k_proj", layer.KProj.forward(convAct));
        Check("layer.v_proj", layer.VProj.forward(inner[0]));

        Tensor q = Official("layer.q_proj"), k = Official("layer.k_proj"), v = Official("layer.v_proj");
        var gateInput = cat([q, k, v], -1);
        Check("layer.mlstm_cell.igate", layer.Cell.InputGate.forward(gateInput));
        Check("layer.mlstm_cell.fgate", layer.Cell.ForgetGate.forward(gateInput));
        var (heads, ig, fg) = layer.Cell.Prepare(q, k, v);
        Check("layer.mlstm_cell.outnorm", layer.Cell.OutNorm.forward(MlstmKernels.Parallel(heads.Q, heads.K, heads.V, ig, fg)));
        Check("layer.mlstm_cell", layer.Cell.forward(q, k, v));

        var hState = (Official("layer.mlstm_cell") + layer.LearnableSkip * convAct) * nn.functional.silu(inner[1]);
        Check("layer.proj_down", layer.ProjDown.forward(hState));
        Check("layer", layer.forward(Official("norm")));
    }

    [Theory]
    [InlineData(ScalarType.Float32, MlstmBackend.Parallel)]
    [InlineData(ScalarType.Float32, MlstmBackend.Recurrent)]
    [InlineData(ScalarType.Float32, MlstmBackend.Chunkwise)]
    [InlineData(ScalarType.Float64, MlstmBackend.Parallel)]
    [InlineData(ScalarType.Float64, MlstmBackend.Recurrent)]
    [InlineData(ScalarType.Float64, MlstmBackend.Chunkwise)]
    public void StandaloneCellMatchesOfficial(ScalarType dtype, MlstmBackend backend)
    {
        using var scope = NewDisposeScope();
        using var file = VilFixtures.OpenSmallA(dtype);
        var h = MlstmKernels.Run(backend, file.Load("input.q"), file.Load("input.k"), file.Load("input.v"),
            file.Load("input.igate_preact"), file.Load("input.fgate_preact"), chunkSize: 7);
        var expected = file.Load("output.h");
        if (dtype == ScalarType.Float64)
            VilFixtures.AssertClose(expected, h, 1e-9, $"output.h ({backend})");
        else
            VilFixtures.AssertRelativeClose(expected, h, 1e-5, $"output.h ({backend})");
    }
}
