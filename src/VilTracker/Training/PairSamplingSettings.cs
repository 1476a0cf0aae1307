namespace VilTracker.Training;

/// <summary>How hard the sampled training pairs are: set by the <see cref="Curriculum"/>.</summary>
/// <param name="MaxFrameGap">Largest frame distance between the template frame and the search frame.</param>
/// <param name="CenterJitter">Search-region centre jitter, in units of the target's size (sqrt(w·h)).</param>
/// <param name="ScaleJitter">Search-region log-scale jitter (the crop size is multiplied by exp(N(0, s))).</param>
public readonly record struct PairSamplingSettings(int MaxFrameGap, double CenterJitter, double ScaleJitter);
