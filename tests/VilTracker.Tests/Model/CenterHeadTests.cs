using VilTracker.Model;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

/// <summary>The center head's structure, parameter names, init, output ranges and gradients.</summary>
public class CenterHeadTests
{
    [Fact]
    public void ReferenceHeadHasTheReferenceParameterNamesAndCount()
    {
        using var head = new CenterHead(768);
        var names = head.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var tower in new[] { "ctr", "offset", "size" })
        {
            for (int i = 1; i <= 4; i++)
                Assert.Contains($"conv{i}_{tower}.0.weight", names);
            Assert.Contains($"conv5_{tower}.bias", names);
        }
        Assert.Contains("conv2_ctr.1.running_mean", head.named_buffers().Select(b => b.name));
        // One tower: convs 768·256·9 + 256, 256·128·9 + 128, 128·64·9 + 64, 64·32·9 + 32 = 1,769,728 + 295,040
        // + 73,792 + 18,464; BN scale+shift 2·(256+128+64+32) = 960; last conv 32k + k.
        long towerBody = 1_769_728 + 295_040 + 73_792 + 18_464 + 960;
        long expected = towerBody + 33 + towerBody + 66 + towerBody + 66;
        Assert.Equal(expected, head.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void WeightsAreXavierUniformWithinTheirBound()
    {
        using var head = new CenterHead(16, [8, 4]);
        foreach (var (name, p) in head.named_parameters().Where(p => p.parameter.dim() > 1))
        {
            long fanIn = p.shape[1] * p.shape[2] * p.shape[3], fanOut = p.shape[0] * p.shape[2] * p.shape[3];
            double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
            Assert.True(p.abs().max().item<float>() <= bound + 1e-6, $"{name} exceeds the Xavier bound {bound}");
            // For a uniform draw, max |w| <= bound / 2 has probability 2^-n: only checked where n >= 64 (below 1e-19).
            if (p.NumberOfElements >= 64)
                Assert.True(p.abs().max().item<float>() > bound * 0.5, $"{name} looks not Xavier-initialised");
        }
    }

    [Fact]
    public void NarrowPresetGivesMapsOfTheRightShapesAndRanges()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var head = new CenterHead(24, [16, 8]);
        head.eval();
        // Convolutions, batch norms at their initial statistics and ReLUs are nearly linear in the input's scale, so
        // an input this large drives raw offsets far outside [0, 1] whatever the random weights.
        var maps = head.forward(randn(3, 24, 5, 7) * 10_000);
        Assert.Equal(new long[] { 3, 1, 5, 7 }, maps.Score.shape);
        Assert.Equal(new long[] { 3, 2, 5, 7 }, maps.Size.shape);
        Assert.Equal(new long[] { 3, 2, 5, 7 }, maps.Offset.shape);
        // Saturated values sit on the clamps, [1e-4, 1 - 1e-4] rounded to float32 (within one unit in the last place).
        foreach (var map in new[] { maps.Score, maps.Size })
        {
            Assert.InRange(map.min().item<float>(), 1e-4 - 1e-7, 1);
            Assert.InRange(map.max().item<float>(), 0, 1 - 1e-4 + 1e-7);
        }
        // Offsets are raw (no sigmoid).
        Assert.True(maps.Offset.abs().max().item<float>() > 1);
    }

    [Fact]
    public void GradientsReachTheFirstLayerOfEveryTower()
    {
        using var scope = NewDisposeScope();
        using var head = new CenterHead(8, [4]);
        var maps = head.forward(randn(2, 8, 4, 4));
        (maps.Score.sum() + maps.Size.sum() + maps.Offset.sum()).backward();
        foreach (var tower in new[] { "ctr", "offset", "size" })
        {
            var grad = head.named_parameters().Single(p => p.name == $"conv1_{tower}.0.weight").parameter.grad;
            Assert.NotNull(grad);
            Assert.True(grad!.abs().sum().item<float>() > 0, $"no gradient in conv1_{tower}");
        }
    }

    [Fact]
    public void WrongInputIsRejectedWithItsShape()
    {
        using var head = new CenterHead(8, [4]);
        var ex = Assert.Throws<ArgumentException>(() => head.forward(zeros(1, 6, 4, 4)));
        Assert.Contains("(1, 6, 4, 4)", ex.Message);
        Assert.Throws<ArgumentException>(() => new CenterHead(8, []));
    }
}
