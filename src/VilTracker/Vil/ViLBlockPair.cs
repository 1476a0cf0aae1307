using TorchSharp;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>ViLBlockPair</c>: a top-left sub-block followed by a bottom-right sub-block (keys
/// <c>rowwise_from_top_left</c>, <c>rowwise_from_bot_right</c>). <c>VisionLSTM2.depth</c> counts these pairs.
/// </summary>
public sealed class ViLBlockPair : nn.Module<Tensor, Tensor>
{
    private readonly ViLBlock rowwise_from_top_left;
    private readonly ViLBlock rowwise_from_bot_right;

    /// <summary>Creates the pair; every argument is passed to both sub-blocks.</summary>
    /// <inheritdoc cref="ViLBlock(long, SequenceDirection, TokenLayout, double, VilConvKind, int, bool, bool, VilInitWeights, int, bool)"/>
    public ViLBlockPair(long dim, TokenLayout layout, double dropPath = 0.0, VilConvKind convKind = VilConvKind.Conv2d,
        int convKernelSize = 3, bool projBias = true, bool normBias = true,
        VilInitWeights initWeights = VilInitWeights.Original, int numBlocks = 1, bool initialize = true)
        : base(nameof(ViLBlockPair))
    {
        rowwise_from_top_left = new ViLBlock(dim, SequenceDirection.RowwiseFromTopLeft, layout, dropPath, convKind,
            convKernelSize, projBias, normBias, initWeights, numBlocks, initialize);
        rowwise_from_bot_right = new ViLBlock(dim, SequenceDirection.RowwiseFromBotRight, layout, dropPath, convKind,
            convKernelSize, projBias, normBias, initWeights, numBlocks, initialize);
        RegisterComponents();
    }

    /// <summary>The forward-order sub-block (global sub-block index 2i).</summary>
    public ViLBlock TopLeft => rowwise_from_top_left;

    /// <summary>The reversed-order sub-block (global sub-block index 2i+1).</summary>
    public ViLBlock BotRight => rowwise_from_bot_right;

    /// <summary>Runs both sub-blocks on tokens of the default layout.</summary>
    public override Tensor forward(Tensor x) => forward(x, rowwise_from_top_left.Layer.Layout);

    /// <summary>Runs both sub-blocks on tokens (B, N, D) laid out as <paramref name="layout"/>.</summary>
    public Tensor forward(Tensor x, TokenLayout layout)
    {
        using var scope = NewDisposeScope();
        var y = rowwise_from_top_left.forward(x, layout);
        return rowwise_from_bot_right.forward(y, layout).MoveToOuterDisposeScope();
    }
}
