using VilTracker.Baselines.NanoTrack;
using VilTracker.Baselines.OpenCv;
using VilTracker.Tracking;

namespace VilTracker.Cli;

/// <summary>The trackers the command line can run, by name.</summary>
public static class TrackerCatalog
{
    /// <summary>Every tracker: its name and how to create it from the folder of NanoTrack models (null: the default).</summary>
    private static readonly (string Name, Func<string?, ITracker> Create)[] Trackers =
    [
        // New trackers (e.g. the ViL tracker) are registered here, and only here.
        ("csrt", _ => OpenCvTracker.Csrt()),
        ("kcf", _ => OpenCvTracker.Kcf()),
        ("mil", _ => OpenCvTracker.Mil()),
        ("nanotrack-v2", models => new NanoTrackTracker(NanoTrackVersion.V2, models)),
        ("nanotrack-v3", models => new NanoTrackTracker(NanoTrackVersion.V3, models)),
    ];

    /// <summary>The valid tracker names, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Trackers.Select(t => t.Name).ToArray();

    /// <summary>Creates the tracker called <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="nanoTrackModels">Folder of the NanoTrack ONNX models; null for <c>../shared/models/nanotrack</c> beside the repository root.</param>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static ITracker Create(string name, string? nanoTrackModels = null)
    {
        foreach (var tracker in Trackers)
            if (string.Equals(tracker.Name, name, StringComparison.OrdinalIgnoreCase))
                return tracker.Create(nanoTrackModels);
        throw new ArgumentException($"Unknown tracker '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));
    }
}
