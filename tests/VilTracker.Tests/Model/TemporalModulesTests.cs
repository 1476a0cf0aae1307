using VilTracker.Model;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

public class TemporalModulesTests
{
    [Fact]
    public void FilmIsIdentityAtInitialisation()
    {
        using var scope = NewDisposeScope();
        using var film = new FilmModulation("film", dim: 8, contextDim: 5);
        var x = randn(2, 7, 8);
        var y = film.forward(x, randn(2, 5));
        Assert.True(x.eq(y).all().item<bool>());
    }

    [Fact]
    public void FilmAppliesScaleAndShiftPerChannel()
    {
        using var scope = NewDisposeScope();
        using var film = new FilmModulation("film", dim: 2, contextDim: 1);
        using (no_grad())
        {
            // proj(c) = W c + b; with c = 1: gamma = (0.5, -1), beta = (3, 4).
            film.parameters().First(p => p.dim() == 2).copy_(tensor(new float[] { 0.5f, -1f, 3f, 4f }).view(4, 1));
        }
        var x = tensor(new float[] { 2f, 5f }).view(1, 1, 2);
        var y = film.forward(x, ones(1, 1));
        // channel 0: 2·(1 + 0.5) + 3 = 6; channel 1: 5·(1 − 1) + 4 = 4.
        Assert.Equal(new[] { 6f, 4f }, y.data<float>().ToArray());
    }

    [Fact]
    public void RoutingWeightsArePositiveAndSumToOne()
    {
        using var scope = NewDisposeScope();
        using var moe = new TemporalMixtureOfExperts("moe", dim: 8, contextDim: 6, expertCount: 4);
        using (no_grad())
            foreach (var p in moe.parameters()) p.copy_(randn_like(p));
        var w = moe.RoutingWeights(randn(3, 6));
        Assert.Equal(new long[] { 3, 4 }, w.shape);
        Assert.True((w > 0).all().item<bool>());
        Assert.True(w.sum(1).allclose(ones(3), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void FrozenSharedExpertGetsNoGradientWhileOthersDo()
    {
        using var scope = NewDisposeScope();
        using var moe = new TemporalMixtureOfExperts("moe", dim: 8, contextDim: 6);
        using (no_grad())
            foreach (var p in moe.parameters()) p.copy_(randn_like(p) * 0.3);
        moe.FreezeSharedExpert(true);
        moe.forward(randn(2, 5, 8), randn(2, 6)).square().sum().backward();
        foreach (var (name, p) in moe.named_parameters())
        {
            if (name.StartsWith("shared."))
                Assert.True(p.grad is null, $"{name} received a gradient");
            else
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} received no gradient");
        }
    }

    [Fact]
    public void ContextEncoderAveragesTheMemory()
    {
        using var scope = NewDisposeScope();
        using var encoder = new TemporalContextEncoder("ctx", dim: 8, contextDim: 4);
        var a = randn(2, 1, 8);
        var b = randn(2, 1, 8);
        var fromPair = encoder.forward(cat([a, b], 1));
        var fromMean = encoder.forward((a + b) / 2);
        Assert.True(fromPair.allclose(fromMean, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void EveryInitialisedParameterOfTheViLSTrackerIsFinite()
    {
        // TorchSharp's nn.init.trunc_normal_ sometimes produced non-finite weights: the ViL-S tracker built after
        // manual_seed(6) had NaN in moe.0.experts.3.fc1.weight. Initialisation uses the project's truncated normal.
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var model = new TrackerModel(TrackerPresets.VilS);
        foreach (var (name, p) in model.named_parameters())
            Assert.True(p.isfinite().all().item<bool>(), $"{name} holds NaN or infinity");
    }
}
