using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// InfoNCE between template-memory features and search temporal features over a batch: row i of each should match
/// row i of the other and no other row. Features are L2-normalised, logits are cosine similarities divided by the
/// temperature, and the loss is the mean of the two cross-entropies (memory → search and search → memory).
/// </summary>
public static class MemoryContrastiveLoss
{
    /// <summary>The loss (scalar).</summary>
    /// <param name="memory">(B, D) template-memory features.</param>
    /// <param name="search">(B, D) search temporal features of the same sequences, same order.</param>
    /// <param name="temperature">Softmax temperature τ &gt; 0 (0.07–0.2 is usual).</param>
    /// <exception cref="ArgumentException">Shapes differ or are not 2-D, B &lt; 2, or τ is not positive.</exception>
    public static Tensor Compute(Tensor memory, Tensor search, double temperature = 0.1)
    {
        if (memory.dim() != 2 || !memory.shape.SequenceEqual(search.shape))
            throw new ArgumentException($"Contrastive loss needs two (B, D) tensors, got ({string.Join(", ", memory.shape)}) and ({string.Join(", ", search.shape)}).");
        if (memory.shape[0] < 2)
            throw new ArgumentException("Contrastive loss needs a batch of at least 2: the other rows are the negatives.");
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentException($"Contrastive temperature must be positive and finite, got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var m = normalize(memory, p: 2, dim: 1);
        var s = normalize(search, p: 2, dim: 1);
        var logits = m.matmul(s.t()).DividedBy(temperature);
        var labels = TensorMath.Arange(memory.shape[0], ScalarType.Int64, memory.device);
        var loss = cross_entropy(logits, labels).Plus(cross_entropy(logits.t(), labels)).Times(0.5);
        return loss.MoveToOuterDisposeScope();
    }
}
