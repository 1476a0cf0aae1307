using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>A depthwise convolution over a token sequence (B, N, C) that may need the sequence's 2-D grid.</summary>
public interface ISequenceConv
{
    /// <summary>Convolves <paramref name="tokens"/> (B, N, C), the row-major flattening of the grids of <paramref name="layout"/>.</summary>
    /// <param name="tokens">Token features (B, N, C).</param>
    /// <param name="layout">The grids the N tokens live on (ignored by 1-D convolutions).</param>
    /// <returns>Convolved tokens (B, N, C).</returns>
    Tensor forward(Tensor tokens, TokenLayout layout);

    /// <summary>Resets weight and bias to PyTorch's default convolution init: U(+-1/sqrt(fan_in)).</summary>
    void ResetParameters();
}
