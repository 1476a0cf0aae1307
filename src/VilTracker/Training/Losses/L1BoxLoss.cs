using static TorchSharp.torch;

namespace VilTracker.Training.Losses;

/// <summary>Mean absolute difference over all elements (OSTrack's <c>F.l1_loss</c> on corner boxes).</summary>
public static class L1BoxLoss
{
    /// <summary>The mean of <c>|predicted − target|</c> (scalar).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor Compute(Tensor predicted, Tensor target)
    {
        if (!predicted.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"L1 needs equal shapes, got ({string.Join(", ", predicted.shape)}) and ({string.Join(", ", target.shape)}).");
        using var scope = NewDisposeScope();
        return (predicted - target).abs().mean().MoveToOuterDisposeScope();
    }
}
