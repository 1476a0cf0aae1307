using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>The official ViL initialisers (spec A8), applied in place without gradient tracking.</summary>
public static class VilInit
{
    /// <summary>small_init (Nguyen &amp; Salazar): N(0, sqrt(2 / (5 * dim))).</summary>
    /// <param name="tensor">Tensor to fill.</param>
    /// <param name="dim">The embedding width that sets the scale.</param>
    public static void SmallInit(Tensor tensor, long dim)
    {
        using var noGrad = no_grad();
        tensor.normal_(0.0, Math.Sqrt(2.0 / (5.0 * dim)));
    }

    /// <summary>wang_init: N(0, 2 / numBlocks / sqrt(dim)).</summary>
    /// <param name="tensor">Tensor to fill.</param>
    /// <param name="dim">The embedding width that sets the scale.</param>
    /// <param name="numBlocks">1 for init_weights "original", 2 * depth for "original-fixed".</param>
    public static void WangInit(Tensor tensor, long dim, int numBlocks)
    {
        using var noGrad = no_grad();
        tensor.normal_(0.0, 2.0 / numBlocks / Math.Sqrt(dim));
    }

    /// <summary>Truncated normal N(0, std) restricted to [low, high] (absolute bounds, as <c>nn.init.trunc_normal_</c>): out-of-range draws are redrawn.</summary>
    /// <param name="tensor">Tensor to fill.</param>
    /// <param name="std">Standard deviation of the untruncated normal.</param>
    /// <param name="low">Lower bound.</param>
    /// <param name="high">Upper bound.</param>
    public static void TruncNormal(Tensor tensor, double std, double low = -2.0, double high = 2.0)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        tensor.normal_(0.0, std);
        for (var outside = tensor.LessThan(low) | tensor.GreaterThan(high); outside.any().item<bool>(); outside = tensor.LessThan(low) | tensor.GreaterThan(high))
            tensor.copy_(where(outside, randn_like(tensor).Times(std), tensor));
    }

    /// <summary>
    /// A linear layer whose weight (out, in) and bias (out) are allocated but not initialised: for layers whose official
    /// initialisation is applied right after (avoids the default Kaiming init, which is costly for large models).
    /// </summary>
    /// <param name="inFeatures">Input width.</param>
    /// <param name="outFeatures">Output width.</param>
    /// <param name="bias">Whether the layer has a bias.</param>
    public static Linear UninitializedLinear(long inFeatures, long outFeatures, bool bias) =>
        nn.Linear(
            new Parameter(empty(outFeatures, inFeatures)),
            bias ? new Parameter(empty(outFeatures)) : null);
}
