using TorchSharp;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// The three equivalent forms of the stabilised mLSTM cell (spec A7.1, A10). All take per-head queries, keys and values
/// (B, NH, S, DH) and gate pre-activations (B, NH, S, 1) (input gate exponential, forget gate sigmoid) and return h (B, NH, S, DH).
/// With the stabiliser starting at minus infinity the recurrent and chunkwise forms equal the parallel form exactly in
/// real arithmetic, including the epsilon term; they differ only by floating-point rounding.
/// </summary>
public static class MlstmKernels
{
    /// <summary>Normaliser epsilon of the official cell.</summary>
    public const double DefaultEps = 1e-6;

    /// <summary>Runs the chosen form.</summary>
    /// <param name="backend">Which form to use.</param>
    /// <param name="q">Queries (B, NH, S, DH).</param>
    /// <param name="k">Keys (B, NH, S, DH).</param>
    /// <param name="v">Values (B, NH, S, DH).</param>
    /// <param name="igatePreact">Input-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="fgatePreact">Forget-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="chunkSize">Chunk length of the chunkwise form (any positive value; S need not be a multiple).</param>
    /// <returns>h (B, NH, S, DH).</returns>
    public static Tensor Run(MlstmBackend backend, Tensor q, Tensor k, Tensor v, Tensor igatePreact, Tensor fgatePreact, int chunkSize) =>
        backend switch
        {
            MlstmBackend.Parallel => Parallel(q, k, v, igatePreact, fgatePreact),
            MlstmBackend.Recurrent => Recurrent(q, k, v, igatePreact, fgatePreact),
            MlstmBackend.Chunkwise => Chunkwise(q, k, v, igatePreact, fgatePreact, chunkSize),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown mLSTM backend"),
        };

    /// <summary>
    /// Official <c>parallel_stabilized_simple</c> (row-wise stabilisation), with the official operation order:
    /// log-forget cumsum matrix, causal mask, gate matrix D, <c>q (k / sqrt(DH))ᵀ ⊙ D</c>, normaliser
    /// <c>max(|row sum|, exp(-m))</c>, <c>C / (normaliser + eps)</c>, times v.
    /// </summary>
    /// <param name="q">Queries (B, NH, S, DH).</param>
    /// <param name="k">Keys (B, NH, S, DH).</param>
    /// <param name="v">Values (B, NH, S, DH).</param>
    /// <param name="igatePreact">Input-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="fgatePreact">Forget-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="eps">Normaliser epsilon.</param>
    /// <returns>h (B, NH, S, DH).</returns>
    public static Tensor Parallel(Tensor q, Tensor k, Tensor v, Tensor igatePreact, Tensor fgatePreact, double eps = DefaultEps)
    {
        CheckShapes(q, k, v, igatePreact, fgatePreact);
        using var scope = NewDisposeScope();
        long b = q.shape[0], nh = q.shape[1], s = q.shape[2], dh = q.shape[3];
        var logF = nn.functional.logsigmoid(fgatePreact);
        var lowerTriangle = tril(ones(s, s, ScalarType.Bool, q.device));
        var logFCumsum = cat([zeros(b, nh, 1, 1, q.dtype, q.device), logF.cumsum(-2)], -2);
        var repeated = logFCumsum.repeat(1, 1, 1, s + 1);
        var logFgAll = repeated - repeated.transpose(-2, -1);
        var minusInf = tensor(double.NegativeInfinity, q.dtype, q.device);
        var logFg = where(lowerTriangle, logFgAll.narrow(2, 1, s).narrow(3, 1, s), minusInf);
        var logD = logFg.Plus(igatePreact.transpose(-2, -1));
        var maxLogD = logD.max(-1, true).values;
        var d = (logD - maxLogD).exp();
        var keysScaled = k.DividedBy(Math.Sqrt(dh));
        var qk = q.matmul(keysScaled.transpose(-2, -1));
        var c = qk * d;
        var normalizer = maximum(c.sum(-1, true).abs(), (-maxLogD).exp());
        var cNormalized = c / normalizer.Plus(eps);
        return cNormalized.matmul(v).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Recurrent form (spec A10.1) with the stabiliser starting at minus infinity: per step
    /// <c>m = max(log σ(f̃) + m, ĩ)</c>, <c>C = f'C + i' k̂vᵀ</c>, <c>n = f'n + i' k̂</c>,
    /// <c>h = qᵀC / (max(|qᵀn|, exp(-m)) + eps)</c>. Loops over tokens only; vectorised over batch and heads.
    /// </summary>
    /// <param name="q">Queries (B, NH, S, DH).</param>
    /// <param name="k">Keys (B, NH, S, DH).</param>
    /// <param name="v">Values (B, NH, S, DH).</param>
    /// <param name="igatePreact">Input-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="fgatePreact">Forget-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="eps">Normaliser epsilon.</param>
    /// <returns>h (B, NH, S, DH).</returns>
    public static Tensor Recurrent(Tensor q, Tensor k, Tensor v, Tensor igatePreact, Tensor fgatePreact, double eps = DefaultEps)
    {
        CheckShapes(q, k, v, igatePreact, fgatePreact);
        using var scope = NewDisposeScope();
        long b = q.shape[0], nh = q.shape[1], s = q.shape[2], dh = q.shape[3];
        var logF = nn.functional.logsigmoid(fgatePreact);
        var keysScaled = k.DividedBy(Math.Sqrt(dh));
        var c = zeros(b, nh, dh, dh, q.dtype, q.device);
        var n = zeros(b, nh, dh, 1, q.dtype, q.device);
        var m = TensorMath.Full([b, nh, 1, 1], double.NegativeInfinity, q.dtype, q.device);
        var outputs = new Tensor[s];
        for (var t = 0; t < s; t++)
        {
            using var step = NewDisposeScope();
            var logFt = logF.narrow(2, t, 1);
            var it = igatePreact.narrow(2, t, 1);
            var mNew = maximum(logFt.Plus(m), it);
            var forget = (logFt.Plus(m) - mNew).exp();
            var input = (it - mNew).exp();
            var kt = keysScaled.narrow(2, t, 1).transpose(-2, -1);
            var vt = v.narrow(2, t, 1);
            var qt = q.narrow(2, t, 1);
            var cNext = (forget * c).Plus(input * kt.matmul(vt));
            var nNext = (forget * n).Plus(input * kt);
            var numerator = qt.matmul(cNext);
            var denominator = qt.matmul(nNext);
            outputs[t] = (numerator / maximum(denominator.abs(), (-mNew).exp()).Plus(eps)).MoveToOuterDisposeScope();
            (c, n, m) = Carry(step, (c, cNext), (n, nNext), (m, mNew));
        }

        return cat(outputs, 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Chunkwise form (spec A10.2) with the stabiliser starting at minus infinity: inside each chunk the parallel form,
    /// across chunks the stabilised matrix memory (C, n, m). The last chunk may be shorter, so any sequence length works.
    /// Loops over chunks only; vectorised over batch and heads.
    /// </summary>
    /// <param name="q">Queries (B, NH, S, DH).</param>
    /// <param name="k">Keys (B, NH, S, DH).</param>
    /// <param name="v">Values (B, NH, S, DH).</param>
    /// <param name="igatePreact">Input-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="fgatePreact">Forget-gate pre-activations (B, NH, S, 1).</param>
    /// <param name="eps">Normaliser epsilon.</param>
    /// <returns>h (B, NH, S, DH).</returns>
    /// <param name="chunkSize">Chunk length (positive).</param>
    public static Tensor Chunkwise(Tensor q, Tensor k, Tensor v, Tensor igatePreact, Tensor fgatePreact, int chunkSize, double eps = DefaultEps)
    {
        CheckShapes(q, k, v, igatePreact, fgatePreact);
        if (chunkSize < 1)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunk size must be positive");
        using var scope = NewDisposeScope();
        long b = q.shape[0], nh = q.shape[1], s = q.shape[2], dh = q.shape[3];
        var logF = nn.functional.logsigmoid(fgatePreact);
        var keysScaled = k.DividedBy(Math.Sqrt(dh));
        var c = zeros(b, nh, dh, dh, q.dtype, q.device);
        var n = zeros(b, nh, dh, 1, q.dtype, q.device);
        var m = TensorMath.Full([b, nh, 1, 1], double.NegativeInfinity, q.dtype, q.device);
        var minusInf = tensor(double.NegativeInfinity, q.dtype, q.device);
        var outputs = new List<Tensor>();
        for (long start = 0; start < s; start += chunkSize)
        {
            using var step = NewDisposeScope();
            var len = Math.Min(chunkSize, s - start);
            var qc = q.narrow(2, start, len);
            var kc = keysScaled.narrow(2, start, len);
            var vc = v.narrow(2, start, len);
            var ic = igatePreact.narrow(2, start, len);
            var a = logF.narrow(2, start, len).cumsum(-2);

            // Intra-chunk decay log a_j - a_s + ĩ_s (s <= j) and the carried state's log m + a_j.
            var lowerTriangle = tril(ones(len, len, ScalarType.Bool, q.device));
            var logD = where(lowerTriangle, (a - a.transpose(-2, -1)).Plus(ic.transpose(-2, -1)), minusInf);
            var logState = m.Plus(a);
            var stabilizer = maximum(logD.max(-1, true).values, logState);
            var cIntra = qc.matmul(kc.transpose(-2, -1)) * (logD - stabilizer).exp();
            var stateScale = (logState - stabilizer).exp();
            var numerator = cIntra.matmul(vc).Plus(qc.matmul(c) * stateScale);
            var denominator = cIntra.sum(-1, true).Plus(qc.matmul(n) * stateScale);
            outputs.Add((numerator / maximum(denominator.abs(), (-stabilizer).exp()).Plus(eps)).MoveToOuterDisposeScope());

            // State entering the next chunk: decay by the chunk's total log-forget g, add this chunk's keys and values.
            var g = a.narrow(2, len - 1, 1);
            var logWeights = (ic - a).Plus(g);
            var mNew = maximum(g.Plus(m), logWeights.max(-2, true).values);
            var decay = (g.Plus(m) - mNew).exp();
            var weightedKeys = kc * (logWeights - mNew).exp();
            var cNext = (decay * c).Plus(weightedKeys.transpose(-2, -1).matmul(vc));
            var nNext = (decay * n).Plus(weightedKeys.sum(-2, true).transpose(-2, -1));
            (c, n, m) = Carry(step, (c, cNext), (n, nNext), (m, mNew));
        }

        return cat(outputs, 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Moves the next state (C, n, m) out of a step's dispose scope and frees the previous one. States are replaced, not
    /// updated in place, so the forms stay differentiable.
    /// </summary>
    private static (Tensor C, Tensor N, Tensor M) Carry(DisposeScope step, (Tensor Old, Tensor Next) c, (Tensor Old, Tensor Next) n, (Tensor Old, Tensor Next) m)
    {
        step.MoveToOuter(c.Next, n.Next, m.Next);
        c.Old.Dispose();
        n.Old.Dispose();
        m.Old.Dispose();
        return (c.Next, n.Next, m.Next);
    }

    private static void CheckShapes(Tensor q, Tensor k, Tensor v, Tensor igatePreact, Tensor fgatePreact)
    {
        if (q.dim() != 4 || !q.shape.SequenceEqual(k.shape) || !q.shape.SequenceEqual(v.shape))
            throw new ArgumentException(
                $"mLSTM: q, k, v must share the shape (B, NH, S, DH); got [{string.Join(", ", q.shape)}], [{string.Join(", ", k.shape)}], [{string.Join(", ", v.shape)}].");
        long[] gateShape = [q.shape[0], q.shape[1], q.shape[2], 1];
        if (!igatePreact.shape.SequenceEqual(gateShape) || !fgatePreact.shape.SequenceEqual(gateShape))
            throw new ArgumentException(
                $"mLSTM: gate pre-activations must be (B, NH, S, 1) = [{string.Join(", ", gateShape)}]; got [{string.Join(", ", igatePreact.shape)}] and [{string.Join(", ", fgatePreact.shape)}].");
    }
}
