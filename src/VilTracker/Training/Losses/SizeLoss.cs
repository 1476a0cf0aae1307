using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// Scale-aware size loss: the mean of <c>|log ŵ − log w|</c> and <c>|log ĥ − log h|</c>. A 2-pixel error weighs the
/// same relative to a 10-pixel drone as 20 pixels to a 100-pixel one, which the plain L1 on normalised corners
/// does not do (it hardly penalises size errors on small targets).
/// </summary>
public static class SizeLoss
{
    /// <summary>Sizes below this (in crop fractions, ≈ 0.003 px of a 256 px crop) are raised to it before the log.</summary>
    public const double Floor = 1e-5;

    /// <summary>The loss (scalar) for (…, 2) predicted and target (w, h).</summary>
    /// <exception cref="ArgumentException">The shapes differ or the last dimension is not 2.</exception>
    public static Tensor Compute(Tensor predictedWh, Tensor targetWh)
    {
        if (!predictedWh.shape.SequenceEqual(targetWh.shape) || predictedWh.shape[^1] != 2)
            throw new ArgumentException($"Size loss needs equal (..., 2) shapes, got ({string.Join(", ", predictedWh.shape)}) and ({string.Join(", ", targetWh.shape)}).");
        using var scope = NewDisposeScope();
        return (predictedWh.ClampMin(Floor).log() - targetWh.ClampMin(Floor).log()).abs().mean().MoveToOuterDisposeScope();
    }
}
