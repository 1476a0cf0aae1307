using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// Block-diagonal linear map of the official ViL (spec A5): the last axis is cut into <c>NB</c> contiguous blocks of
/// <c>d = dim / NB</c> channels, block b is multiplied by its own d x d matrix (<c>y_b = W[b] x_b</c>), then a bias is added.
/// Parameters: <c>weight</c> (NB, d, d), <c>bias</c> (dim).
/// </summary>
public sealed class LinearHeadwiseExpand : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly long numBlocks;
    private readonly long blockSize;

    /// <summary>Creates the map for <paramref name="dim"/> channels in <paramref name="numBlocks"/> blocks.</summary>
    /// <param name="dim">Channels in and out.</param>
    /// <param name="numBlocks">Number of blocks NB (official <c>num_heads</c>); must divide <paramref name="dim"/>.</param>
    /// <param name="bias">Whether a bias of length <paramref name="dim"/> is added.</param>
    public LinearHeadwiseExpand(long dim, long numBlocks, bool bias) : base(nameof(LinearHeadwiseExpand))
    {
        if (numBlocks < 1 || dim % numBlocks != 0)
            throw new ArgumentException($"LinearHeadwiseExpand: dim {dim} is not divisible into {numBlocks} blocks.");
        this.numBlocks = numBlocks;
        blockSize = dim / numBlocks;
        weight = new Parameter(zeros(numBlocks, blockSize, blockSize));
        this.bias = bias ? new Parameter(zeros(dim)) : null;
        RegisterComponents();
    }

    /// <summary>The (NB, d, d) block matrices (row = output channel of the block).</summary>
    public Parameter Weight => weight;

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>Applies the map to the last axis of <paramref name="x"/> (any leading shape).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var lead = x.shape[..^1];
        var blocks = x.reshape([.. lead, numBlocks, blockSize]);
        var y = einsum("...hd,hod->...ho", blocks, weight).reshape([.. lead, numBlocks * blockSize]);
        if (bias is not null)
            y = y.Plus(bias);
        return y.MoveToOuterDisposeScope();
    }
}
