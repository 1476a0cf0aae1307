using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// Learned homoscedastic-uncertainty weighting of several losses (Kendall, Gal &amp; Cipolla, 2018):
/// <c>Σ exp(−s_i)·L_i + s_i</c> with one learnable <c>s_i</c> (a log-variance) per loss, initialised to 0 (weight 1).
/// A loss that stays large gets its weight lowered, at the price of the <c>+ s_i</c> term.
/// </summary>
public sealed class UncertaintyWeighting : nn.Module<Tensor[], Tensor>
{
    private readonly Parameter log_variances;

    /// <summary>Weights <paramref name="count"/> losses.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public UncertaintyWeighting(int count) : base(nameof(UncertaintyWeighting))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        log_variances = nn.Parameter(zeros(count));
        RegisterComponents();
    }

    /// <summary>The learned <c>s_i</c> (the weights are <c>exp(−s_i)</c>).</summary>
    public Tensor LogVariances => log_variances;

    /// <summary>The weighted sum of the scalar <paramref name="losses"/>, in the order given at construction.</summary>
    /// <exception cref="ArgumentException">The number of losses differs from the count, or a loss is not a scalar.</exception>
    public override Tensor forward(Tensor[] losses)
    {
        if (losses.Length != log_variances.shape[0])
            throw new ArgumentException($"UncertaintyWeighting was built for {log_variances.shape[0]} losses, got {losses.Length}.", nameof(losses));
        for (int i = 0; i < losses.Length; i++)
            if (losses[i].numel() != 1)
                throw new ArgumentException($"Loss {i} must be a scalar, got shape ({string.Join(", ", losses[i].shape)}).", nameof(losses));
        using var scope = NewDisposeScope();
        var stacked = stack(losses.Select(l => l.reshape(1)), 0).squeeze(1);
        return ((-log_variances).exp() * stacked).Plus(log_variances).sum().MoveToOuterDisposeScope();
    }
}
