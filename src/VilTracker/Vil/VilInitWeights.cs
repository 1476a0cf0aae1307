namespace VilTracker.Vil;

/// <summary>Official <c>init_weights</c> argument: how <c>proj_down</c> is initialised (spec A8).</summary>
public enum VilInitWeights
{
    /// <summary><c>"original"</c>: wang init with one block, std = 2 / sqrt(dim) (released models).</summary>
    Original,

    /// <summary><c>"original-fixed"</c>: wang init with 2*depth blocks, std = 2 / (2*depth) / sqrt(dim).</summary>
    OriginalFixed,
}
