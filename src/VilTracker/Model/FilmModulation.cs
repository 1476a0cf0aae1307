using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// Feature-wise linear modulation between backbone blocks: a temporal context vector c (B, C) gives a per-channel
/// scale and shift, applied to every token: <c>x · (1 + γ(c)) + β(c)</c>. The projection starts at zero, so the
/// module is exactly the identity at initialisation.
/// </summary>
public sealed class FilmModulation : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear proj;

    /// <summary>Creates the modulation for tokens of width <paramref name="dim"/> from a context of width <paramref name="contextDim"/>.</summary>
    public FilmModulation(string name, int dim, int contextDim) : base(name)
    {
        proj = nn.Linear(contextDim, 2 * dim);
        RegisterComponents();
        using var noGrad = no_grad();
        proj.weight!.zero_();
        proj.bias!.zero_();
    }

    /// <summary>Modulates tokens <paramref name="x"/> (B, N, D) with context (B, C).</summary>
    public override Tensor forward(Tensor x, Tensor context)
    {
        using var scope = NewDisposeScope();
        var gammaBeta = proj.call(context).unsqueeze(1).chunk(2, -1);
        return (x * gammaBeta[0].Plus(1)).Plus(gammaBeta[1]).MoveToOuterDisposeScope();
    }
}
