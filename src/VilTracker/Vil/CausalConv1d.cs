using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>CausalConv1d</c> (spec A6.2): depthwise 1-D convolution along the tokens with padding k-1 whose last
/// k-1 outputs are dropped, so token t sees tokens t-k+1..t only. The weights live in the child <c>conv</c>
/// (keys <c>conv.weight</c> (C, 1, k), <c>conv.bias</c> (C)), as in the official module.
/// </summary>
public sealed class CausalConv1d : nn.Module<Tensor, Tensor>, ISequenceConv
{
    private readonly Conv1d conv;
    private readonly int kernelSize;

    /// <summary>Creates the causal convolution.</summary>
    /// <param name="channels">Channels C (each convolved separately).</param>
    /// <param name="kernelSize">Kernel size k (4 in the v1 ViL).</param>
    /// <param name="bias">Whether a per-channel bias is added.</param>
    public CausalConv1d(long channels, int kernelSize, bool bias) : base(nameof(CausalConv1d))
    {
        if (kernelSize < 1)
            throw new ArgumentException($"CausalConv1d: kernel size {kernelSize} must be positive.");
        this.kernelSize = kernelSize;
        conv = nn.Conv1d(channels, channels, kernelSize, padding: kernelSize - 1, groups: channels, bias: bias);
        RegisterComponents();
        ResetParameters();
    }

    /// <inheritdoc />
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        var bound = 1.0 / Math.Sqrt(kernelSize);
        conv.weight!.uniform_(-bound, bound);
        conv.bias?.uniform_(-bound, bound);
    }

    /// <summary>Convolves the token sequence (B, N, C) causally.</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var n = tokens.shape[1];
        var y = conv.call(tokens.transpose(1, 2));
        return y.narrow(2, 0, n).transpose(1, 2).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor forward(Tensor tokens, TokenLayout layout) => forward(tokens);
}
