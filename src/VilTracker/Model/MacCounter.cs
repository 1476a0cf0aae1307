using TorchSharp;
using TorchSharp.Modules;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>
/// Counts the multiply-accumulates (MACs) that forward passes actually execute, from the shapes of the tensors each
/// module call really received: forward hooks on every <c>Linear</c>, <c>Conv1d</c> and <c>Conv2d</c> (projections,
/// gates, patch embedding, experts, heads, causal convolutions), on <see cref="LinearHeadwiseExpand"/>, and on the
/// mLSTM cell's matrix products in the form its backend runs; the 2-D sequence convolutions report their own count.
/// Dispose to remove the hooks.
/// </summary>
public sealed class MacCounter : IDisposable
{
    /// <summary>What the count leaves out (each small next to the products counted).</summary>
    public const string LeftOut =
        "normalisations, activations, gate exponentials and cumulative sums, softmax, element-wise additions and " +
        "products, the position-embedding resize and the decoding window; FLOPs = 2 x MACs";

    private readonly List<Action> removers = [];
    private readonly Dictionary<string, long> byKind = [];
    private readonly List<SequenceConv2d> observedConvs = [];

    /// <summary>Hooks every counted module inside <paramref name="model"/>.</summary>
    public MacCounter(nn.Module model)
    {
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Linear linear:
                {
                    var r = linear.register_forward_hook((_, input, output) =>
                        Add("linear", output.NumberOfElements * input.shape[^1], output));
                    removers.Add(() => r.remove());
                    break;
                }
                case Conv1d conv1d:
                {
                    var r = conv1d.register_forward_hook((m, _, output) =>
                        Add("conv", output.NumberOfElements * KernelVolume(((Conv1d)m).weight!), output));
                    removers.Add(() => r.remove());
                    break;
                }
                case Conv2d conv2d:
                {
                    var r = conv2d.register_forward_hook((m, _, output) =>
                        Add("conv", output.NumberOfElements * KernelVolume(((Conv2d)m).weight!), output));
                    removers.Add(() => r.remove());
                    break;
                }
                case LinearHeadwiseExpand headwise:
                {
                    var r = headwise.register_forward_hook((m, _, output) =>
                        Add("headwise linear", output.NumberOfElements * ((LinearHeadwiseExpand)m).Weight.shape[^1], output));
                    removers.Add(() => r.remove());
                    break;
                }
                case MatrixLstmCell cell:
                {
                    var r = cell.register_forward_hook((m, q, _, _, output) =>
                        Add("mlstm cell", CellMacs((MatrixLstmCell)m, q.shape[0], q.shape[1], q.shape[2]), output));
                    removers.Add(() => r.remove());
                    break;
                }
                case SequenceConv2d sequenceConv:
                    sequenceConv.MacObserver = macs => Add("conv", macs, null);
                    observedConvs.Add(sequenceConv);
                    break;
            }
        }
    }

    /// <summary>Total multiply-accumulates counted so far.</summary>
    public long Macs => byKind.Values.Sum();

    /// <summary>Counts per operation kind (linear, headwise linear, conv, mlstm cell).</summary>
    public IReadOnlyDictionary<string, long> ByKind => byKind;

    /// <summary>
    /// MACs of the cell's matrix products for q of shape (B, S, E) split into the cell's heads of DH channels:
    /// parallel 2·S²·DH per head (q kᵀ and the gated matrix times v); recurrent S·(2·DH² + DH) per head (k vᵀ state
    /// update, qᵀC and qᵀn); chunkwise, per chunk of length L, 2·L²·DH + L·(2·DH² + DH) per head (intra-chunk products, qᵀC and qᵀn
    /// against the carried state, and the kᵀv state update).
    /// </summary>
    public static long CellMacs(MatrixLstmCell cell, long batch, long sequence, long inner)
    {
        long heads = cell.NumHeads, dh = inner / heads;
        long perHead = cell.Backend switch
        {
            MlstmBackend.Parallel => 2 * sequence * sequence * dh,
            MlstmBackend.Recurrent => sequence * (2 * dh * dh + dh),
            MlstmBackend.Chunkwise => ChunkLengths(sequence, cell.ChunkSize).Sum(l => 2 * l * l * dh + l * (2 * dh * dh + dh)),
            _ => throw new ArgumentOutOfRangeException(nameof(cell), cell.Backend, "unknown mLSTM backend"),
        };
        return batch * heads * perHead;
    }

    private static IEnumerable<long> ChunkLengths(long sequence, int chunk)
    {
        for (long start = 0; start < sequence; start += chunk)
            yield return Math.Min(chunk, sequence - start);
    }

    private static long KernelVolume(Tensor weight) => weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    private Tensor Add(string kind, long macs, Tensor? output)
    {
        byKind[kind] = byKind.GetValueOrDefault(kind) + macs;
        return output!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var remove in removers) remove();
        foreach (var conv in observedConvs) conv.MacObserver = null;
        removers.Clear();
        observedConvs.Clear();
    }
}
