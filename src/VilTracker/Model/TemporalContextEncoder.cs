using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>
/// Turns a short memory of the target's appearance — pooled target-region features of K earlier frames, (B, K, D) —
/// into the temporal context vector (B, C) that drives FiLM and the temporal experts' routing.
/// </summary>
public sealed class TemporalContextEncoder : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm;
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates the encoder from appearance features of width <paramref name="dim"/> to a context of width <paramref name="contextDim"/>.</summary>
    public TemporalContextEncoder(string name, int dim, int contextDim) : base(name)
    {
        norm = nn.LayerNorm(dim, eps: 1e-5);
        fc1 = nn.Linear(dim, contextDim);
        fc2 = nn.Linear(contextDim, contextDim);
        RegisterComponents();
    }

    /// <summary>Encodes a memory (B, K, D) — the K entries are averaged — into the context (B, C).</summary>
    public override Tensor forward(Tensor memory)
    {
        using var scope = NewDisposeScope();
        var pooled = memory.mean([1]);
        return fc2.call(nn.functional.gelu(fc1.call(norm.call(pooled)))).MoveToOuterDisposeScope();
    }
}
