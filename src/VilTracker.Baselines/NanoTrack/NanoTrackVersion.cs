namespace VilTracker.Baselines.NanoTrack;

/// <summary>The released NanoTrack model generations this port runs.</summary>
public enum NanoTrackVersion
{
    /// <summary>NanoTrack v2: 48-channel features, 16x16 score map.</summary>
    V2,

    /// <summary>NanoTrack v3: 96-channel features, 15x15 score map.</summary>
    V3,
}
