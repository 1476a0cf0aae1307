using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>A depthwise convolution over a token sequence (B, N, C) that may need the sequence's 2-D grid(s).</summary>
public interface ISequenceConv
{
    /// <summary>Convolves <paramref name="tokens"/> (B, N, C), the row-major flattening of <paramref name="grid"/>.</summary>
    /// <param name="tokens">Token features (B, N, C).</param>
    /// <param name="grid">The grid the N tokens live on (ignored by 1-D convolutions).</param>
    /// <returns>Convolved tokens (B, N, C).</returns>
    Tensor forward(Tensor tokens, TokenGrid grid) => forward(tokens, [grid]);

    /// <summary>
    /// Convolves a sequence made of consecutive segments, segment i being the row-major flattening of
    /// <paramref name="grids"/>[i] (e.g. template tokens then search tokens). A 2-D convolution runs on each segment's
    /// grid separately (no mixing across segments); a 1-D convolution runs along the whole sequence.
    /// </summary>
    /// <param name="tokens">Token features (B, N, C) with N the sum of the grids' token counts.</param>
    /// <param name="grids">The segments' grids, in sequence order.</param>
    /// <returns>Convolved tokens (B, N, C).</returns>
    Tensor forward(Tensor tokens, IReadOnlyList<TokenGrid> grids);

    /// <summary>Resets weight and bias to PyTorch's default convolution init: U(+-1/sqrt(fan_in)).</summary>
    void ResetParameters();
}
