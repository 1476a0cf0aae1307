using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>SequenceConv2d</c> (spec A6.1): the token sequence (B, N, C) is laid out on its patch grid
/// (<c>"b (h w) c -> b c h w"</c>), convolved depthwise with a k x k kernel, zero padding k/2 and bias, and flattened back.
/// Parameters <c>weight</c> (C, 1, k, k) and <c>bias</c> (C), as the official <c>nn.Conv2d</c> subclass stores them.
/// </summary>
public sealed class SequenceConv2d : nn.Module<Tensor, Tensor>, ISequenceConv
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly long channels;
    private readonly int kernelSize;

    /// <summary>Creates the convolution; <paramref name="grid"/> is the grid used by <see cref="forward(Tensor)"/>.</summary>
    /// <param name="channels">Channels C (each convolved separately).</param>
    /// <param name="kernelSize">Odd kernel size k (3 in every official model).</param>
    /// <param name="bias">Whether a per-channel bias is added.</param>
    /// <param name="grid">Default token grid (the official model fixes it at construction).</param>
    public SequenceConv2d(long channels, int kernelSize, bool bias, TokenGrid grid) : base(nameof(SequenceConv2d))
    {
        if (kernelSize < 1 || kernelSize % 2 == 0)
            throw new ArgumentException($"SequenceConv2d: kernel size {kernelSize} must be odd so that the grid keeps its size.");
        this.channels = channels;
        this.kernelSize = kernelSize;
        Grid = grid;
        weight = new Parameter(empty(channels, 1, kernelSize, kernelSize));
        this.bias = bias ? new Parameter(empty(channels)) : null;
        RegisterComponents();
        ResetParameters();
    }

    /// <summary>Grid used by <see cref="forward(Tensor)"/>.</summary>
    public TokenGrid Grid { get; }

    /// <summary>The (C, 1, k, k) depthwise kernel.</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        var bound = 1.0 / Math.Sqrt(kernelSize * kernelSize);
        weight.uniform_(-bound, bound);
        bias?.uniform_(-bound, bound);
    }

    /// <summary>Convolves tokens laid out on <see cref="Grid"/>.</summary>
    public override Tensor forward(Tensor tokens) => forward(tokens, Grid);

    /// <inheritdoc />
    public Tensor forward(Tensor tokens, TokenGrid grid)
    {
        grid.EnsureHolds(tokens.shape[1], nameof(SequenceConv2d));
        using var scope = NewDisposeScope();
        return ConvolveGrid(tokens, grid).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor forward(Tensor tokens, IReadOnlyList<TokenGrid> grids)
    {
        if (grids.Count == 1)
            return forward(tokens, grids[0]);
        var total = grids.Sum(g => (long)g.Count);
        if (grids.Count == 0 || total != tokens.shape[1])
            throw new ArgumentException(
                $"{nameof(SequenceConv2d)}: the sequence has {tokens.shape[1]} tokens but the segment grids [{string.Join(", ", grids)}] hold {total}.");
        using var scope = NewDisposeScope();
        var segments = tokens.split(grids.Select(g => (long)g.Count).ToArray(), 1);
        return cat(segments.Select((segment, i) => ConvolveGrid(segment, grids[i])).ToArray(), 1).MoveToOuterDisposeScope();
    }

    private Tensor ConvolveGrid(Tensor tokens, TokenGrid grid)
    {
        var b = tokens.shape[0];
        var image = tokens.view(b, grid.Height, grid.Width, channels).permute(0, 3, 1, 2);
        var pad = kernelSize / 2;
        var conv = nn.functional.conv2d(image, weight, bias, padding: [pad, pad], groups: channels);
        return conv.permute(0, 2, 3, 1).reshape(b, grid.Count, channels);
    }
}
