using VilTracker.Model;
using VilTracker.Training.Losses;
using VilTracker.Training.Targets;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

/// <summary>The combined objective equals its parts, and a perfect prediction scores as expected.</summary>
public class OstrackLossTests
{
    [Fact]
    public void PerfectBoxLeavesOnlyTheFocalTermAndGradientsFlow()
    {
        using var scope = NewDisposeScope();
        // Ground truth (0.25, 0.25, 0.25, 0.25) on a 16x16 grid: centre cell (6, 6) (see CenterHeatMapTests),
        // normalised centre (0.375, 0.375) = cell 6 + offset 0.
        var gt = tensor(new[] { 0.25f, 0.25f, 0.25f, 0.25f }).view(1, 4);
        var heat = CenterHeatMap.Generate(gt, 16, 16).unsqueeze(1);
        var scoreLogits = (heat.clamp(1e-3, 0.9)).logit().requires_grad_(true);
        var score = scoreLogits.sigmoid();
        var size = full(1, 2, 16, 16, 0.25f).requires_grad_(true);
        var offset = zeros(1, 2, 16, 16).requires_grad_(true);
        var parts = OstrackLoss.Compute(new CenterMaps(score, size, offset), gt);
        Assert.Equal(0f, parts.Giou.item<float>(), 5);
        Assert.Equal(0f, parts.L1.item<float>(), 6);
        Assert.Equal(1f, parts.MeanIou.item<float>(), 5);
        Assert.Equal(FocalLoss.Compute(score, heat).item<float>(), parts.Focal.item<float>());
        Assert.Equal(2 * parts.Giou.item<float>() + 5 * parts.L1.item<float>() + parts.Focal.item<float>(), parts.Total.item<float>(), 5);
        parts.Total.backward();
        Assert.True(scoreLogits.grad!.abs().sum().item<float>() > 0);
        Assert.True(size.grad is not null && offset.grad is not null);
    }

    [Fact]
    public void ShiftedBoxAddsHandWorkedL1()
    {
        using var scope = NewDisposeScope();
        var gt = tensor(new[] { 0.25f, 0.25f, 0.25f, 0.25f }).view(1, 4);
        var score = CenterHeatMap.Generate(gt, 16, 16).unsqueeze(1).clamp(1e-4, 1 - 1e-4);
        var size = full(1, 2, 16, 16, 0.25f);
        var offset = full(1, 2, 16, 16, 0.5f); // centre moves by half a cell = 1/32 in x and y
        var parts = OstrackLoss.Compute(new CenterMaps(score, size, offset), gt);
        // Every corner moves by 1/32: L1 = 0.03125. Boxes 0.25 wide overlap (0.25 − 0.03125)² = 0.0478516;
        // union 2·0.0625 − 0.0478516 = 0.0771484; IoU = 0.620253; hull (0.28125)² = 0.0791016;
        // GIoU = 0.620253 − (0.0791016 − 0.0771484)/0.0791016 = 0.620253 − 0.024691 = 0.595562.
        Assert.Equal(0.03125, parts.L1.item<float>(), 6);
        Assert.Equal(1 - 0.595562, parts.Giou.item<float>(), 5);
    }
}
