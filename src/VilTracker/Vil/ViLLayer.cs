using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>ViLLayer</c> (spec A4): up-projection to an mLSTM branch and a gate branch z; the mLSTM branch is
/// convolved and SiLU-activated to give q and k (v comes from the un-convolved branch); the mLSTM cell output plus a
/// learnable skip of the activated conv is gated by SiLU(z) and projected down. A bottom-right layer runs all of this on
/// the reversed sequence and reverses its output back. Keys: <c>learnable_skip</c>, <c>proj_up</c>, <c>q_proj</c>,
/// <c>k_proj</c>, <c>v_proj</c>, <c>conv</c>, <c>mlstm_cell</c>, <c>proj_down</c>.
/// </summary>
public sealed class ViLLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Up-projection factor (fixed in the official code).</summary>
    public const int Expansion = 2;

    /// <summary>Block size of the q/k/v block-diagonal maps and number of mLSTM heads (fixed in the official code).</summary>
    public const int QkvBlockSize = 4;

    private readonly Parameter learnable_skip;
    private readonly Linear proj_up;
    private readonly LinearHeadwiseExpand q_proj;
    private readonly LinearHeadwiseExpand k_proj;
    private readonly LinearHeadwiseExpand v_proj;
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly MatrixLstmCell mlstm_cell;
    private readonly Linear proj_down;
    private readonly long innerDim;

    /// <summary>Creates the layer with the official initialisation.</summary>
    /// <param name="dim">Embedding width D.</param>
    /// <param name="direction">Traversal direction.</param>
    /// <param name="convKind">2-D grid convolution or causal 1-D convolution.</param>
    /// <param name="convKernelSize">Kernel size of the convolution.</param>
    /// <param name="layout">Default token layout (its grids are used by the 2-D convolution).</param>
    /// <param name="projBias">Biases of the projections.</param>
    /// <param name="normBias">Bias of the mLSTM output norm.</param>
    /// <param name="initWeights">Initialisation variant of proj_down.</param>
    /// <param name="numBlocks">Number of sub-blocks of the whole model (used by "original-fixed").</param>
    /// <param name="initialize">False leaves the projection matrices uninitialised, for weights loaded right after.</param>
    public ViLLayer(long dim, SequenceDirection direction, VilConvKind convKind, int convKernelSize, TokenLayout layout,
        bool projBias, bool normBias, VilInitWeights initWeights = VilInitWeights.Original, int numBlocks = 1, bool initialize = true)
        : base(nameof(ViLLayer))
    {
        if (dim % QkvBlockSize != 0)
            throw new ArgumentException($"ViLLayer: dim {dim} must be a multiple of {QkvBlockSize}.");
        Dim = dim;
        Direction = direction;
        Layout = layout;
        innerDim = Expansion * dim;
        var numQkvBlocks = innerDim / QkvBlockSize;
        learnable_skip = new Parameter(ones(innerDim));
        proj_up = VilInit.UninitializedLinear(dim, 2 * innerDim, projBias);
        q_proj = new LinearHeadwiseExpand(innerDim, numQkvBlocks, projBias);
        k_proj = new LinearHeadwiseExpand(innerDim, numQkvBlocks, projBias);
        v_proj = new LinearHeadwiseExpand(innerDim, numQkvBlocks, projBias);
        conv = convKind == VilConvKind.Conv2d
            ? new SequenceConv2d(innerDim, convKernelSize, bias: true, layout)
            : new CausalConv1d(innerDim, convKernelSize, bias: true);
        mlstm_cell = new MatrixLstmCell(innerDim, QkvBlockSize, normBias);
        proj_down = VilInit.UninitializedLinear(innerDim, dim, projBias);
        RegisterComponents();
        if (initialize)
            ResetParameters(initWeights, numBlocks);
    }

    /// <summary>Embedding width D.</summary>
    public long Dim { get; }

    /// <summary>Traversal direction.</summary>
    public SequenceDirection Direction { get; }

    /// <summary>Layout used by <see cref="forward(Tensor)"/>.</summary>
    public TokenLayout Layout { get; }

    /// <summary>Up-projection D -> 4D (first half: mLSTM branch, second half: z).</summary>
    public Linear ProjUp => proj_up;

    /// <summary>Query map.</summary>
    public LinearHeadwiseExpand QProj => q_proj;

    /// <summary>Key map.</summary>
    public LinearHeadwiseExpand KProj => k_proj;

    /// <summary>Value map.</summary>
    public LinearHeadwiseExpand VProj => v_proj;

    /// <summary>The branch convolution (<see cref="SequenceConv2d"/> or <see cref="CausalConv1d"/>).</summary>
    public ISequenceConv Conv => (ISequenceConv)conv;

    /// <summary>The mLSTM cell.</summary>
    public MatrixLstmCell Cell => mlstm_cell;

    /// <summary>Down-projection 2D -> D.</summary>
    public Linear ProjDown => proj_down;

    /// <summary>Per-channel weight of the skip from the activated convolution to the cell output.</summary>
    public Parameter LearnableSkip => learnable_skip;

    /// <summary>Official init: small_init for proj_up and q/k/v (with D), wang_init for proj_down, zero biases, skip ones.</summary>
    /// <param name="initWeights">Initialisation variant of proj_down.</param>
    /// <param name="numBlocks">Number of sub-blocks of the whole model (used by "original-fixed").</param>
    public void ResetParameters(VilInitWeights initWeights, int numBlocks)
    {
        using var noGrad = no_grad();
        VilInit.SmallInit(proj_up.weight!, Dim);
        proj_up.bias?.zero_();
        VilInit.WangInit(proj_down.weight!, Dim, initWeights == VilInitWeights.Original ? 1 : numBlocks);
        proj_down.bias?.zero_();
        learnable_skip.Fill(1.0);
        foreach (var qkv in new[] { q_proj, k_proj, v_proj })
        {
            VilInit.SmallInit(qkv.Weight, Dim);
            qkv.Bias?.zero_();
        }

        Conv.ResetParameters();
        mlstm_cell.ResetParameters();
    }

    /// <summary>Runs the layer on tokens (B, N, D) laid out as <see cref="Layout"/>.</summary>
    public override Tensor forward(Tensor x) => forward(x, Layout);

    /// <summary>
    /// Runs the layer on tokens (B, N, D) laid out as <paramref name="layout"/> (original, un-reversed order). In the
    /// reversed direction the convolution sees the reversed layout: segments in reverse order, each grid rotated 180°.
    /// </summary>
    public Tensor forward(Tensor x, TokenLayout layout)
    {
        using var scope = NewDisposeScope();
        var reversed = Direction == SequenceDirection.RowwiseFromBotRight;
        if (reversed)
            x = x.flip(1);
        var inner = proj_up.call(x).chunk(2, -1);
        Tensor xMlstm = inner[0], z = inner[1];
        var xConvAct = nn.functional.silu(Conv.forward(xMlstm, reversed ? layout.Reversed() : layout));
        var q = q_proj.call(xConvAct);
        var k = k_proj.call(xConvAct);
        var v = v_proj.call(xMlstm);
        var hTilde = mlstm_cell.call(q, k, v);
        var hSkip = hTilde.Plus(learnable_skip * xConvAct);
        var hState = hSkip * nn.functional.silu(z);
        var y = proj_down.call(hState);
        if (reversed)
            y = y.flip(1);
        return y.MoveToOuterDisposeScope();
    }
}
