using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// CenterNet's penalty-reduced focal loss (α = 2, β = 4; OSTrack <c>lib/train/loss/focal_loss.py</c>): cells where
/// the target is exactly 1 are positives, <c>log(p)(1 − p)²</c>; the rest are negatives,
/// <c>log(1 − p)·p²·(1 − y)⁴</c>; loss = −(Σpos + Σneg)/#pos, or −Σneg when there is no positive.
/// </summary>
public static class FocalLoss
{
    /// <summary>The loss over the whole batch (scalar).</summary>
    /// <param name="predicted">Probabilities, any shape (e.g. the head's score map <c>(B, 1, fh, fw)</c>); clamped ≥ 1e-12.</param>
    /// <param name="target">Heat map with the same number of elements (e.g. <c>(B, fh, fw)</c>).</param>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public static Tensor Compute(Tensor predicted, Tensor target)
    {
        if (predicted.numel() != target.numel())
            throw new ArgumentException(
                $"Focal loss needs as many predictions as targets: ({string.Join(", ", predicted.shape)}) vs ({string.Join(", ", target.shape)}).");
        using var scope = NewDisposeScope();
        var y = target.reshape(predicted.shape).to_type(predicted.dtype);
        var positive = y.EqualTo(1).to_type(predicted.dtype);
        var negative = y.LessThan(1).to_type(predicted.dtype);
        var p = predicted.ClampMin(1e-12);
        var positiveSum = (p.log() * p.SubtractedFrom(1).Pow(2) * positive).sum();
        var negativeSum = (p.SubtractedFrom(1).log() * p.Pow(2) * y.SubtractedFrom(1).Pow(4) * negative).sum();
        // With no positive, positiveSum is 0 and dividing by max(#pos, 1) gives the reference's −Σneg.
        var count = positive.sum().ClampMin(1);
        return (-positiveSum.Plus(negativeSum) / count).MoveToOuterDisposeScope();
    }
}
