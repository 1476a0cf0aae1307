using TorchSharp;
using TorchSharp.Modules;
using VilTracker.Training;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

/// <summary>The project's AdamW against TorchSharp's own, and its saved state.</summary>
public sealed class AdamWOptimizerTests
{
    /// <summary>Two parameters; the second gets a gradient only on odd steps (as FiLM before it is switched on).</summary>
    private static (Parameter A, Parameter B) MakeParameters()
    {
        random.manual_seed(3);
        return (new Parameter(randn(4, 3)), new Parameter(randn(5)));
    }

    private static void Backward(Parameter a, Parameter b, int step)
    {
        var loss = (a * a).sum() + a.sin().sum() * step;
        if (step % 2 == 1) loss = loss + (b.exp() * (step + 1)).sum();
        loss.backward();
    }

    [Fact]
    public void StepsEqualTorchSharpsAdamWBitForBit()
    {
        using var scope = NewDisposeScope();
        var (a1, b1) = MakeParameters();
        var (a2, b2) = MakeParameters();
        var reference = optim.AdamW([a1, b1], 1e-2, weight_decay: 0.05);
        using var ours = new AdamWOptimizer([("a", a2), ("b", b2)], 1e-2, 0.05);
        for (int step = 0; step < 7; step++)
        {
            double lr = 1e-2 * (1 + step) / 7;
            foreach (var group in reference.ParamGroups) group.LearningRate = lr;
            ours.LearningRate = lr;
            reference.zero_grad();
            ours.ZeroGrad();
            Backward(a1, b1, step);
            Backward(a2, b2, step);
            reference.step();
            ours.Step();
            Assert.True(a1.eq(a2).all().item<bool>(), $"a differs after step {step}");
            Assert.True(b1.eq(b2).all().item<bool>(), $"b differs after step {step}");
        }
        Assert.False(b1.eq(MakeParameters().B).all().item<bool>(), "b never moved: the test would not see a skipped step");
    }

    [Fact]
    public void SavedStateContinuesExactlyAndRejectsAnotherModel()
    {
        using var scope = NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"viltrack-adamw-{Guid.NewGuid():N}.safetensors");
        try
        {
            var (a1, b1) = MakeParameters();
            using var first = new AdamWOptimizer([("a", a1), ("b", b1)], 1e-2, 0.05);
            for (int step = 0; step < 3; step++) { first.ZeroGrad(); Backward(a1, b1, step); first.Step(); }
            first.Save(path);

            var (a2, b2) = MakeParameters();
            using (no_grad()) { a2.copy_(a1); b2.copy_(b1); }
            using var resumed = new AdamWOptimizer([("a", a2), ("b", b2)], 1e-2, 0.05);
            resumed.Load(path);
            for (int step = 3; step < 6; step++)
            {
                first.ZeroGrad(); Backward(a1, b1, step); first.Step();
                resumed.ZeroGrad(); Backward(a2, b2, step); resumed.Step();
            }
            Assert.True(a1.eq(a2).all().item<bool>() && b1.eq(b2).all().item<bool>());

            using var other = new AdamWOptimizer([("a", new Parameter(zeros(2, 2)))], 1e-2, 0.05);
            var error = Assert.Throws<InvalidDataException>(() => other.Load(path));
            Assert.Contains("exp_avg.a", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
