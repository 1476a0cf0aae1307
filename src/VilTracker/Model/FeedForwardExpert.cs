using TorchSharp;
using TorchSharp.Modules;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>A token-wise two-layer perceptron D → hidden → D with GELU: one expert of the temporal mixture.</summary>
public sealed class FeedForwardExpert : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates an expert of width <paramref name="dim"/> with <paramref name="hidden"/> hidden units.</summary>
    public FeedForwardExpert(string name, int dim, int hidden) : base(name)
    {
        fc1 = nn.Linear(dim, hidden);
        fc2 = nn.Linear(hidden, dim);
        RegisterComponents();
        using var noGrad = no_grad();
        VilInit.TruncNormal(fc1.weight!, 0.02);
        VilInit.TruncNormal(fc2.weight!, 0.02);
        fc1.bias!.zero_();
        fc2.bias!.zero_();
    }

    /// <summary>Applies the expert to (..., D).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.call(nn.functional.gelu(fc1.call(x))).MoveToOuterDisposeScope();
    }
}
