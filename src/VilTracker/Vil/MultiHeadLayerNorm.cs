using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// The mLSTM output norm (spec A7.2): for every token and head, normalise the head's DH channels (group norm with one
/// group per head, eps 1e-5), then a per-channel affine with scale <c>1 + weight</c> (stored offset) and shift <c>bias</c>.
/// </summary>
public sealed class MultiHeadLayerNorm : nn.Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5;
    private readonly Parameter weight;
    private readonly Parameter? bias;

    /// <summary>Creates the norm for <paramref name="ndim"/> = heads * head-dim channels.</summary>
    /// <param name="ndim">Total channels E over all heads.</param>
    /// <param name="bias">Whether a learnable shift exists (official <c>norm_bias</c>).</param>
    public MultiHeadLayerNorm(long ndim, bool bias) : base(nameof(MultiHeadLayerNorm))
    {
        weight = new Parameter(zeros(ndim));
        this.bias = bias ? new Parameter(zeros(ndim)) : null;
        RegisterComponents();
    }

    /// <summary>Normalises <paramref name="x"/> of shape (B, NH, S, DH); returns the same shape.</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4)
            throw new ArgumentException($"MultiHeadLayerNorm expects (B, NH, S, DH), got [{string.Join(", ", x.shape)}].");
        long b = x.shape[0], nh = x.shape[1], s = x.shape[2], dh = x.shape[3];
        using var scope = NewDisposeScope();
        var flat = x.transpose(1, 2).reshape(b * s, nh * dh);
        var scale = weight.Plus(1.0);
        var normed = nn.functional.group_norm(flat, nh, scale, bias, Epsilon);
        return normed.view(b, s, nh, dh).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
