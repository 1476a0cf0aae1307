using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// The official ViL LayerNorm (spec A2.1): the stored <c>weight</c> is an offset from one, the applied scale is
/// <c>1 + weight</c>; optional bias. Parameters are initialised to zero (scale 1, shift 0).
/// </summary>
public sealed class OffsetLayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly long ndim;

    /// <summary>Creates the norm over the last axis of width <paramref name="ndim"/>.</summary>
    /// <param name="ndim">Width of the normalised (last) axis.</param>
    /// <param name="bias">Whether a learnable shift exists (official <c>norm_bias</c>).</param>
    /// <param name="eps">Variance epsilon (1e-5 in the blocks, 1e-6 for the final norm).</param>
    public OffsetLayerNorm(long ndim, bool bias, double eps) : base(nameof(OffsetLayerNorm))
    {
        this.ndim = ndim;
        Eps = eps;
        weight = new Parameter(zeros(ndim));
        this.bias = bias ? new Parameter(zeros(ndim)) : null;
        RegisterComponents();
    }

    /// <summary>Variance epsilon.</summary>
    public double Eps { get; }

    /// <summary>Layer norm of the last axis with scale <c>1 + weight</c> and shift <c>bias</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scale = weight.Plus(1.0);
        return nn.functional.layer_norm(x, [ndim], scale, bias, Eps);
    }
}
