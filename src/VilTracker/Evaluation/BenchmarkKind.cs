namespace VilTracker.Evaluation;

/// <summary>
/// The dataset families for which the toolkits apply special rules, derived from <c>Sequence.Dataset</c>.
/// </summary>
public enum BenchmarkKind
{
    /// <summary>Any dataset without special rules (OTB, DTB70, NFS, VOT, generic folders...).</summary>
    Other,

    /// <summary>UAV123 / UAV123@10fps / UAV20L: annotations may be NaN where the target is out of view.</summary>
    Uav,

    /// <summary>LaSOT: per-frame visibility (full occlusion / out of view) is part of the metric.</summary>
    Lasot,

    /// <summary>GOT-10k: frame 1 excluded, boxes clipped to the image, only visible frames, frame-weighted.</summary>
    Got10k,
}

/// <summary>Maps dataset names (as <c>Sequence.Dataset</c> spells them) to <see cref="BenchmarkKind"/>.</summary>
public static class BenchmarkKinds
{
    /// <summary>
    /// <c>lasot</c> gives <see cref="BenchmarkKind.Lasot"/> (exact name, as pytracking compares it; LaSOT extension
    /// subsets are other datasets there); any name starting with <c>uav</c> (<c>uav123</c>, <c>uav123@10fps</c>,
    /// <c>uav20l</c>...) gives <see cref="BenchmarkKind.Uav"/>; <c>got10k</c> / <c>got-10k</c> gives
    /// <see cref="BenchmarkKind.Got10k"/>; everything else <see cref="BenchmarkKind.Other"/>. Case-insensitive.
    /// </summary>
    public static BenchmarkKind FromDatasetName(string dataset)
    {
        string name = dataset.Trim().ToLowerInvariant();
        if (name == "lasot") return BenchmarkKind.Lasot;
        if (name.StartsWith("uav", StringComparison.Ordinal)) return BenchmarkKind.Uav;
        if (name is "got10k" or "got-10k") return BenchmarkKind.Got10k;
        return BenchmarkKind.Other;
    }
}
