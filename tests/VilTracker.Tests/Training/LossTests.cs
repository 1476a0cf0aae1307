using VilTracker.Geometry;
using VilTracker.Training.Losses;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

/// <summary>Every loss on tiny tensors against hand arithmetic, plus a gradient check.</summary>
public class LossTests
{
    private static Tensor T(params float[] v) => tensor(v);

    [Fact]
    public void FocalLossMatchesHandArithmetic()
    {
        using var scope = NewDisposeScope();
        var target = T(1, 0.5f, 0, 0).view(1, 1, 2, 2);
        var pred = T(0.8f, 0.4f, 0.1f, 0).view(1, 1, 2, 2).requires_grad_(true);
        // pos (p=0.8):           log(0.8)·0.2² = −0.2231436·0.04 = −0.00892574
        // neg (p=0.4, y=0.5):    log(0.6)·0.4²·0.5⁴ = −0.5108256·0.16·0.0625 = −0.00510826
        // neg (p=0.1, y=0):      log(0.9)·0.1² = −0.1053605·0.01 = −0.00105361
        // neg (p=0 -> 1e-12):    ≈ 0.  One positive: loss = 0.00892574 + 0.00510826 + 0.00105361 = 0.01508761.
        var loss = FocalLoss.Compute(pred, target);
        Assert.Equal(0.01508761, loss.item<float>(), 6);
        loss.backward();
        Assert.True(pred.grad!.abs().sum().item<float>() > 0);
        // No positive: loss = −Σneg only. Target 0.5 everywhere, p = 0.5: log(0.5)·0.25·0.0625 = −0.01083;
        // four cells -> 0.04332.
        var none = FocalLoss.Compute(full(1, 1, 2, 2, 0.5f), full(1, 1, 2, 2, 0.5f));
        Assert.Equal(4 * Math.Log(2) * 0.25 * 0.0625, none.item<float>(), 5);
    }

    [Fact]
    public void GiouLossMatchesHandArithmeticAndFallsBackOnBadBoxes()
    {
        using var scope = NewDisposeScope();
        var pred = T(0, 0, 2, 2, 1, 1, 3, 3).view(2, 4).requires_grad_(true);
        var target = T(1, 1, 3, 3, 1, 1, 3, 3).view(2, 4);
        // Pair 0: intersection 1, union 4 + 4 − 1 = 7, IoU 1/7; enclosing 3·3 = 9; GIoU = 1/7 − 2/9 = −0.0793651.
        // Pair 1: identical, GIoU 1. Loss = ((1 + 5/63) + 0)/2 = 34/63 = 0.5396825.
        var (loss, iou) = GiouLoss.Compute(pred, target);
        Assert.Equal(34 / 63.0, loss.item<float>(), 5);
        Assert.Equal(1 / 7.0, iou[0].item<float>(), 6);
        Assert.Equal(1.0, iou[1].item<float>(), 6);
        loss.backward();
        Assert.True(pred.grad!.abs().sum().item<float>() > 0);
        // x2 < x1 or NaN: OSTrack's actor catches the assertion and uses 0.
        Assert.Equal(0f, GiouLoss.Compute(T(2, 0, 1, 1).view(1, 4), T(0, 0, 1, 1).view(1, 4)).Loss.item<float>());
        Assert.Equal(0f, GiouLoss.Compute(T(float.NaN, 0, 1, 1).view(1, 4), T(0, 0, 1, 1).view(1, 4)).Loss.item<float>());
    }

    [Fact]
    public void L1AndSizeLossesMatchHandArithmetic()
    {
        using var scope = NewDisposeScope();
        // |0.1 − 0.3| + |0.5 − 0.5| + |0.2 − 0.1| + |0.9 − 0.6| = 0.2 + 0 + 0.1 + 0.3 = 0.6, mean 0.15.
        var pred = T(0.1f, 0.5f, 0.2f, 0.9f).view(1, 4).requires_grad_(true);
        var l1 = L1BoxLoss.Compute(pred, T(0.3f, 0.5f, 0.1f, 0.6f).view(1, 4));
        Assert.Equal(0.15, l1.item<float>(), 6);
        // Size: |log(0.2/0.1)| = 0.6931472 and |log(0.1/0.1)| = 0 -> mean 0.3465736.
        var wh = T(0.2f, 0.1f).view(1, 2).requires_grad_(true);
        var size = SizeLoss.Compute(wh, T(0.1f, 0.1f).view(1, 2));
        Assert.Equal(0.3465736, size.item<float>(), 6);
        (l1 + size).backward();
        Assert.True(pred.grad!.abs().sum().item<float>() > 0 && wh.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void GaussianNllMatchesHandArithmeticAndIsFlatInSAtTheSquaredError()
    {
        using var scope = NewDisposeScope();
        // (μ=1, s=0, y=3): 0.5·(e⁰·4 + 0) = 2.  (μ=0, s=ln 4, y=2): 0.5·(4/4 + 1.3862944) = 1.1931472. Mean 1.5965736.
        var mean = T(1, 0).requires_grad_(true);
        var logVar = T(0, (float)Math.Log(4)).requires_grad_(true);
        var loss = GaussianNllLoss.Compute(mean, logVar, T(3, 2));
        Assert.Equal(1.5965736, loss.item<float>(), 6);
        loss.backward();
        var ds = logVar.grad!.data<float>().ToArray();
        // d/ds of 0.5·(e^−s·e² + s)/2 = 0.25·(1 − e^−s·e²): −0.75 at s = 0 (e² = 4), 0 at s = ln 4 (= ln e²).
        Assert.Equal(-0.75, ds[0], 6);
        Assert.Equal(0, ds[1], 6);
    }

    [Fact]
    public void MemoryContrastiveLossMatchesHandArithmetic()
    {
        using var scope = NewDisposeScope();
        // Memory rows m0 = (1, 0), m1 = (0, 1); search rows s0 = (2, 0), s1 = (1, 1) (normalised to (0.7071, 0.7071)).
        // τ = 1: logits m·sᵀ = [[1, 0.7071], [0, 0.7071]].
        // memory -> search: row 0 −log(e¹/(e¹ + e^0.7071)) = log(1 + e^−0.2929); row 1 log(1 + e^−0.7071).
        // search -> memory (columns): col 0 [1, 0] -> log(1 + e^−1); col 1 [0.7071, 0.7071] -> log 2.
        double c = Math.Sqrt(0.5);
        double forward = (Math.Log(1 + Math.Exp(c - 1)) + Math.Log(1 + Math.Exp(-c))) / 2;
        double backward = (Math.Log(1 + Math.Exp(-1)) + Math.Log(2)) / 2;
        var memory = T(1, 0, 0, 1).view(2, 2).requires_grad_(true);
        var loss = MemoryContrastiveLoss.Compute(memory, T(2, 0, 1, 1).view(2, 2), temperature: 1.0);
        Assert.Equal((forward + backward) / 2, loss.item<float>(), 5); // = (0.479119 + 0.503204)/2 = 0.491162
        loss.backward();
        Assert.True(memory.grad!.abs().sum().item<float>() > 0);
        // Matching, orthogonal pairs at τ = 0.5: logits [[2, 0], [0, 2]] -> each row log(1 + e^−2) = 0.126928.
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), MemoryContrastiveLoss.Compute(T(1, 0, 0, 1).view(2, 2), T(3, 0, 0, 5).view(2, 2), 0.5).item<float>(), 5);
        Assert.Throws<ArgumentException>(() => MemoryContrastiveLoss.Compute(T(1, 0).view(1, 2), T(1, 0).view(1, 2)));
    }

    [Fact]
    public void DistillationLossMatchesHandArithmetic()
    {
        using var scope = NewDisposeScope();
        // T = 2. Student p = 0.5 -> logit 0 -> 0.5. Teacher p = 0.8 -> logit ln 4 -> /2 = ln 2 -> sigmoid = 2/3.
        // BCE(0.5, 2/3) = −(2/3·ln 0.5 + 1/3·ln 0.5) = ln 2; ·T² = 4 ln 2 = 2.7725887.
        // Boxes: |0.5 − 0.4| + 0 + 0 + |0.2 − 0.3| = 0.2, mean 0.05. Total (weights 1, 1) = 2.8225887.
        var student = full(1, 1, 1, 1, 0.5f).requires_grad_(true);
        var studentBoxes = T(0.5f, 0.5f, 0.2f, 0.2f).view(1, 4).requires_grad_(true);
        var parts = DistillationLoss.Compute(student, full(1, 1, 1, 1, 0.8f), studentBoxes, T(0.4f, 0.5f, 0.2f, 0.3f).view(1, 4), temperature: 2);
        Assert.Equal(4 * Math.Log(2), parts.Score.item<float>(), 5);
        Assert.Equal(0.05, parts.Box.item<float>(), 6);
        Assert.Equal(4 * Math.Log(2) + 0.05, parts.Total.item<float>(), 5);
        parts.Total.backward();
        Assert.True(student.grad!.abs().sum().item<float>() > 0 && studentBoxes.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void UncertaintyWeightingMatchesHandArithmeticAndLearnsItsWeights()
    {
        using var scope = NewDisposeScope();
        using var weighting = new UncertaintyWeighting(2);
        using (no_grad()) weighting.LogVariances.copy_(T(0, (float)Math.Log(2)));
        // e⁰·3 + 0 + e^−ln2·4 + ln 2 = 3 + 2 + 0.6931472 = 5.6931472.
        var total = weighting.forward([tensor(3f), tensor(4f)]);
        Assert.Equal(5.6931472, total.item<float>(), 5);
        total.backward();
        // d/ds_i = 1 − e^−s_i·L_i: 1 − 3 = −2 and 1 − 2 = −1.
        Assert.Equal(new[] { -2f, -1f }, weighting.LogVariances.grad!.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => weighting.forward([tensor(1f)]));
    }

    [Fact]
    public void BoxFormatConversionsAgree()
    {
        using var scope = NewDisposeScope();
        var xywh = T(0.1f, 0.2f, 0.3f, 0.4f).view(1, 4);
        var viaCenter = BoxTensorFormats.CxcywhToXyxy(BoxTensorFormats.XywhToCxcywh(xywh));
        Assert.True(viaCenter.allclose(BoxTensorFormats.XywhToXyxy(xywh), atol: 1e-7));
        Assert.True(BoxTensorFormats.XywhToXyxy(xywh).allclose(T(0.1f, 0.2f, 0.4f, 0.6f).view(1, 4), atol: 1e-7));
    }
}
