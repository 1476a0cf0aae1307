using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// Temporal mixture-of-experts feed-forward branch (used after the mLSTM layer of the last blocks):
/// <c>x + shared(LN(x)) + Σ_e w_e(c) · expert_e(LN(x))</c>, where the routing weights w = softmax(router(c)) are
/// dense and conditioned on the temporal context c. The shared expert can be frozen (phase-2 fine-tuning).
/// </summary>
public sealed class TemporalMixtureOfExperts : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm norm;
    private readonly FeedForwardExpert shared;
    private readonly ModuleList<FeedForwardExpert> experts;
    private readonly Linear router;

    /// <summary>Creates the branch for tokens of width <paramref name="dim"/>.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="dim">Token width D.</param>
    /// <param name="contextDim">Width of the temporal context vector.</param>
    /// <param name="expertCount">Number of specialised experts (4 in the reference design).</param>
    /// <param name="hiddenRatio">Hidden width of each expert as a multiple of D.</param>
    public TemporalMixtureOfExperts(string name, int dim, int contextDim, int expertCount = 4, double hiddenRatio = 2.0)
        : base(name)
    {
        if (expertCount < 1) throw new ArgumentOutOfRangeException(nameof(expertCount), expertCount, "At least one specialised expert is needed.");
        int hidden = Math.Max(1, (int)Math.Round(dim * hiddenRatio));
        norm = nn.LayerNorm(dim, eps: 1e-5);
        shared = new FeedForwardExpert("shared", dim, hidden);
        experts = nn.ModuleList(Enumerable.Range(0, expertCount).Select(i => new FeedForwardExpert($"expert{i}", dim, hidden)).ToArray());
        router = nn.Linear(contextDim, expertCount);
        RegisterComponents();
        using var noGrad = no_grad();
        router.weight!.zero_();
        router.bias!.zero_();
    }

    /// <summary>Number of specialised experts.</summary>
    public int ExpertCount => experts.Count;

    /// <summary>Routing weights (B, E) for a context (B, C): a softmax, so each row sums to 1.</summary>
    public Tensor RoutingWeights(Tensor context) => nn.functional.softmax(router.call(context), -1);

    /// <summary>Freezes or unfreezes the shared expert's parameters (no gradient, unchanged by the optimiser).</summary>
    public void FreezeSharedExpert(bool frozen)
    {
        foreach (var parameter in shared.parameters())
            parameter.requires_grad = !frozen;
    }

    /// <summary>Applies the branch with its residual to tokens (B, N, D) under context (B, C).</summary>
    public override Tensor forward(Tensor x, Tensor context)
    {
        using var scope = NewDisposeScope();
        var normed = norm.call(x);
        var weights = RoutingWeights(context);
        var mixed = shared.call(normed);
        for (int e = 0; e < experts.Count; e++)
            mixed = mixed.Plus(weights[.., e].view(-1, 1, 1) * experts[e].call(normed));
        return x.Plus(mixed).MoveToOuterDisposeScope();
    }
}
