using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>MatrixLSTMCell</c> (spec A7): input and forget gates are linear maps of <c>[q, k, v]</c> to one scalar per
/// head; q, k, v are split into heads of DH = dim / heads channels; the mLSTM (in the form chosen by
/// <see cref="Backend"/>) gives h per head, which <c>outnorm</c> normalises per head before the heads are merged back.
/// Children: <c>igate</c>, <c>fgate</c> (Linear 3*dim -> heads), <c>outnorm</c> (<see cref="MultiHeadLayerNorm"/>).
/// </summary>
public sealed class MatrixLstmCell : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Linear igate;
    private readonly Linear fgate;
    private readonly MultiHeadLayerNorm outnorm;
    private readonly int numHeads;

    /// <summary>Creates the cell with the official initialisation (spec A8).</summary>
    /// <param name="dim">Channels of q, k and v (the layer's inner width E).</param>
    /// <param name="numHeads">Number of mLSTM heads (4 in every official ViL).</param>
    /// <param name="normBias">Whether the output norm has a bias.</param>
    public MatrixLstmCell(long dim, int numHeads, bool normBias) : base(nameof(MatrixLstmCell))
    {
        if (numHeads < 1 || dim % numHeads != 0)
            throw new ArgumentException($"MatrixLstmCell: dim {dim} is not divisible into {numHeads} heads.");
        this.numHeads = numHeads;
        igate = VilInit.UninitializedLinear(3 * dim, numHeads, bias: true);
        fgate = VilInit.UninitializedLinear(3 * dim, numHeads, bias: true);
        outnorm = new MultiHeadLayerNorm(dim, normBias);
        RegisterComponents();
        ResetParameters();
    }

    /// <summary>Number of mLSTM heads.</summary>
    public int NumHeads => numHeads;

    /// <summary>Form of the mLSTM used by <see cref="forward"/> (default: the official parallel form).</summary>
    public MlstmBackend Backend { get; set; } = MlstmBackend.Parallel;

    /// <summary>Chunk length of the chunkwise form.</summary>
    public int ChunkSize { get; set; } = 64;

    /// <summary>Input-gate map (3*dim -> heads).</summary>
    public Linear InputGate => igate;

    /// <summary>Forget-gate map (3*dim -> heads).</summary>
    public Linear ForgetGate => fgate;

    /// <summary>The per-head output norm.</summary>
    public MultiHeadLayerNorm OutNorm => outnorm;

    /// <summary>Official init: gate weights 0, forget bias linspace(3, 6, heads), input bias N(0, 0.1), output norm zeros.</summary>
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        fgate.weight!.zero_();
        fgate.bias!.copy_(linspace(3.0, 6.0, numHeads));
        igate.weight!.zero_();
        igate.bias!.normal_(0.0, 0.1);
        foreach (var p in outnorm.parameters())
            p.zero_();
    }

    /// <summary>Computes the normalised hidden states (B, S, dim) from q, k, v (B, S, dim).</summary>
    public override Tensor forward(Tensor q, Tensor k, Tensor v)
    {
        using var scope = NewDisposeScope();
        var (heads, igatePreact, fgatePreact) = Prepare(q, k, v);
        var h = MlstmKernels.Run(Backend, heads.Q, heads.K, heads.V, igatePreact, fgatePreact, ChunkSize);
        return MergeHeads(outnorm.forward(h)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The cell's inputs in per-head form: q, k, v as (B, NH, S, DH) and the gate pre-activations as (B, NH, S, 1),
    /// exactly as the official cell hands them to its kernel.
    /// </summary>
    public ((Tensor Q, Tensor K, Tensor V) Heads, Tensor IgatePreact, Tensor FgatePreact) Prepare(Tensor q, Tensor k, Tensor v)
    {
        var gateInput = cat([q, k, v], -1);
        var igatePreact = igate.call(gateInput).transpose(-1, -2).unsqueeze(-1);
        var fgatePreact = fgate.call(gateInput).transpose(-1, -2).unsqueeze(-1);
        return ((SplitHeads(q), SplitHeads(k), SplitHeads(v)), igatePreact, fgatePreact);
    }

    private Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], numHeads, -1).transpose(1, 2);

    private static Tensor MergeHeads(Tensor h) => h.transpose(1, 2).reshape(h.shape[0], h.shape[2], -1);
}
