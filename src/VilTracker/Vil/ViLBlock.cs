using TorchSharp;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>ViLBlock</c> (spec A3): <c>x + ViLLayer(LayerNorm(x))</c> with the offset LayerNorm (eps 1e-5). In training
/// mode with a positive drop-path rate the residual branch is computed for a random subset of
/// <c>max(floor(B * (1 - rate)), 1)</c> samples and added scaled by <c>B / kept</c> (official stochastic depth).
/// Keys: <c>norm</c>, <c>layer</c>.
/// </summary>
public sealed class ViLBlock : nn.Module<Tensor, Tensor>
{
    private readonly OffsetLayerNorm norm;
    private readonly ViLLayer layer;

    /// <summary>Creates the block with the official initialisation.</summary>
    /// <param name="dim">Embedding width D.</param>
    /// <param name="direction">Traversal direction of the layer.</param>
    /// <param name="layout">Default token layout of the layer's 2-D convolution.</param>
    /// <param name="dropPath">Stochastic-depth rate in [0, 1).</param>
    /// <param name="convKind">2-D or causal 1-D convolution.</param>
    /// <param name="convKernelSize">Kernel size of the convolution (3 in <c>VisionLSTM2</c>).</param>
    /// <param name="projBias">Biases of the projections.</param>
    /// <param name="normBias">Biases of the norms.</param>
    /// <param name="initWeights">Initialisation variant of proj_down.</param>
    /// <param name="numBlocks">Number of sub-blocks of the whole model (used by "original-fixed").</param>
    /// <param name="initialize">False leaves the projection matrices uninitialised, for weights loaded right after.</param>
    public ViLBlock(long dim, SequenceDirection direction, TokenLayout layout, double dropPath = 0.0,
        VilConvKind convKind = VilConvKind.Conv2d, int convKernelSize = 3, bool projBias = true, bool normBias = true,
        VilInitWeights initWeights = VilInitWeights.Original, int numBlocks = 1, bool initialize = true)
        : base(nameof(ViLBlock))
    {
        if (dropPath is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(dropPath), dropPath, "drop-path rate must be in [0, 1)");
        DropPath = dropPath;
        norm = new OffsetLayerNorm(dim, normBias, 1e-5);
        layer = new ViLLayer(dim, direction, convKind, convKernelSize, layout, projBias, normBias, initWeights, numBlocks, initialize);
        RegisterComponents();
    }

    /// <summary>Stochastic-depth rate (only used in training mode).</summary>
    public double DropPath { get; }

    /// <summary>The pre-norm.</summary>
    public OffsetLayerNorm Norm => norm;

    /// <summary>The ViL layer.</summary>
    public ViLLayer Layer => layer;

    /// <summary>Runs the block on tokens (B, N, D) of the layer's default layout.</summary>
    public override Tensor forward(Tensor x) => forward(x, layer.Layout);

    /// <summary>Runs the block on tokens (B, N, D) laid out as <paramref name="layout"/>.</summary>
    public Tensor forward(Tensor x, TokenLayout layout)
    {
        using var scope = NewDisposeScope();
        if (!training || DropPath == 0.0)
            return x.Plus(layer.forward(norm.forward(x), layout)).MoveToOuterDisposeScope();

        var batch = x.shape[0];
        var keep = Math.Max((long)(batch * (1.0 - DropPath)), 1);
        var kept = randperm(batch, device: x.device).narrow(0, 0, keep);
        var residual = layer.forward(norm.forward(x.index_select(0, kept)), layout);
        var sum = x.flatten(1).IndexAdd(0, kept, residual.to(x.dtype).flatten(1), (double)batch / keep);
        return sum.view_as(x).MoveToOuterDisposeScope();
    }
}
