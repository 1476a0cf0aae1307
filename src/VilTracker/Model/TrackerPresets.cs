namespace VilTracker.Model;

/// <summary>The named model configurations: from the CPU-real-time drone model up to the ViL-S reference.</summary>
public static class TrackerPresets
{
    /// <summary>ViL-S backbone (dim 384, 24 blocks) with the reference head: the accuracy configuration.</summary>
    public static TrackerModelConfig VilS { get; } = new()
    {
        Preset = "vil-s", Dim = 384, Blocks = 24, ContextDim = 128, FilmAfterBlocks = [5, 11, 17],
        HeadChannels = [256, 128, 64, 32],
    };

    /// <summary>ViL-T backbone (dim 192, 24 blocks).</summary>
    public static TrackerModelConfig VilT { get; } = new()
    {
        Preset = "vil-t", Dim = 192, Blocks = 24, ContextDim = 96, FilmAfterBlocks = [5, 11, 17],
        HeadChannels = [192, 96, 48, 24],
    };

    /// <summary>
    /// Small drone preset sized for real-time tracking on two CPU cores: dim 128, 6 blocks, experts of half width,
    /// narrow head towers (0.68 GMACs at 128/256). Chosen by measurement with <c>viltrack summary</c>: see the README.
    /// </summary>
    public static TrackerModelConfig UavSmall { get; } = new()
    {
        Preset = "uav-small", Dim = 128, Blocks = 6, ContextDim = 64, FilmAfterBlocks = [1, 3], ExpertHiddenRatio = 0.5,
        HeadChannels = [64, 32, 16, 8],
    };

    /// <summary>All presets by name.</summary>
    public static IReadOnlyDictionary<string, TrackerModelConfig> All { get; } = new Dictionary<string, TrackerModelConfig>
    {
        ["uav-small"] = UavSmall,
        ["vil-t"] = VilT,
        ["vil-s"] = VilS,
    };

    /// <summary>The preset of that name; the error lists the valid names.</summary>
    public static TrackerModelConfig Get(string name) =>
        All.TryGetValue(name, out var config)
            ? config
            : throw new ArgumentException($"Unknown preset '{name}'. Valid presets: {string.Join(", ", All.Keys)}.");
}
