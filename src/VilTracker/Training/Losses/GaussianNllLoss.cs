using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// Negative log-likelihood of the target under a Gaussian with the predicted mean and log-variance <c>s</c>,
/// without the constant: <c>0.5·(exp(−s)·(y − μ)² + s)</c>, averaged over all elements. Trains the uncertainty
/// head: the minimum over s is at <c>s = log((y − μ)²)</c>.
/// </summary>
public static class GaussianNllLoss
{
    /// <summary>The loss (scalar).</summary>
    /// <exception cref="ArgumentException">The three shapes differ.</exception>
    public static Tensor Compute(Tensor mean, Tensor logVariance, Tensor target)
    {
        if (!mean.shape.SequenceEqual(logVariance.shape) || !mean.shape.SequenceEqual(target.shape))
            throw new ArgumentException(
                $"Gaussian NLL needs equal shapes: mean ({string.Join(", ", mean.shape)}), log-variance ({string.Join(", ", logVariance.shape)}), target ({string.Join(", ", target.shape)}).");
        using var scope = NewDisposeScope();
        return ((-logVariance).exp() * (target - mean).Pow(2)).Plus(logVariance).Times(0.5).mean().MoveToOuterDisposeScope();
    }
}
