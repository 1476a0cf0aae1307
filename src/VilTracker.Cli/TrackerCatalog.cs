using VilTracker.Baselines.NanoTrack;
using VilTracker.Baselines.OpenCv;
using VilTracker.Tracking;

namespace VilTracker.Cli;

/// <summary>
/// The trackers the command line can run, by name. A tracker is chosen by a spec <c>name</c> or
/// <c>name:argument</c> (e.g. a weights file for a learned tracker); see <see cref="Parse"/>.
/// </summary>
public static class TrackerCatalog
{
    /// <summary>
    /// Every tracker: its name, what its optional argument is (null: it takes none) and how to create it from the
    /// argument (null when left out) and the folder of NanoTrack models (null: the default).
    /// </summary>
    private static readonly (string Name, string? Argument, Func<string?, string?, ITracker> Create)[] Trackers =
    [
        // New trackers are registered here, and only here.
        ("csrt", null, (_, _) => OpenCvTracker.Csrt()),
        ("kcf", null, (_, _) => OpenCvTracker.Kcf()),
        ("mil", null, (_, _) => OpenCvTracker.Mil()),
        ("nanotrack-v2", null, (_, models) => new NanoTrackTracker(NanoTrackVersion.V2, models)),
        ("nanotrack-v3", null, (_, models) => new NanoTrackTracker(NanoTrackVersion.V3, models)),
        // Without weights, vil runs the bundled default model.
        ("vil", "WEIGHTS", (weights, _) => OnlineVilTracker.Load(weights ?? DefaultModel.Require(), new TrackerOptions())),
    ];

    /// <summary>The valid tracker names, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Trackers.Select(t => t.Name).ToArray();

    /// <summary>
    /// Parses and checks a spec <c>name</c> or <c>name:argument</c> (name case-insensitive, split at the first
    /// colon) without creating anything.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the valid names), or an argument is given to a tracker that takes none.</exception>
    public static TrackerSpec Parse(string spec)
    {
        string text = spec.Trim();
        int colon = text.IndexOf(':');
        string name = colon < 0 ? text : text[..colon];
        string? argument = colon < 0 || string.IsNullOrWhiteSpace(text[(colon + 1)..]) ? null : text[(colon + 1)..];
        var entry = Find(name);
        if (entry.Argument is null && argument is not null)
            throw new ArgumentException($"Tracker '{entry.Name}' takes no argument, but '{spec}' gives '{argument}'; write just '{entry.Name}'.", nameof(spec));
        return new TrackerSpec(entry.Name, argument);
    }

    /// <summary>Creates the tracker a spec <c>name</c> or <c>name:argument</c> names (see <see cref="Parse"/>).</summary>
    /// <param name="spec">A name from <see cref="Names"/>, with its argument when it takes one.</param>
    /// <param name="nanoTrackModels">Folder of the NanoTrack ONNX models; null for <c>../shared/models/nanotrack</c> beside the repository root.</param>
    /// <exception cref="ArgumentException">The spec is invalid; the message lists the valid names.</exception>
    public static ITracker Create(string spec, string? nanoTrackModels = null) => Create(Parse(spec), nanoTrackModels);

    /// <summary>Creates the tracker of a parsed spec.</summary>
    /// <param name="spec">A spec from <see cref="Parse"/>.</param>
    /// <param name="nanoTrackModels">Folder of the NanoTrack ONNX models; null for the default.</param>
    public static ITracker Create(TrackerSpec spec, string? nanoTrackModels = null) => Find(spec.Name).Create(spec.Argument, nanoTrackModels);

    private static (string Name, string? Argument, Func<string?, string?, ITracker> Create) Find(string name)
    {
        foreach (var tracker in Trackers)
            if (string.Equals(tracker.Name, name, StringComparison.OrdinalIgnoreCase))
                return tracker;
        throw new ArgumentException($"Unknown tracker '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));
    }
}
