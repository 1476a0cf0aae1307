namespace VilTracker.Training;

/// <summary>
/// Adaptive curriculum (ACL): a difficulty value that ramps linearly from 0 to 1 over
/// <see cref="RampEpochs"/> epochs and sets how hard the training pairs are (temporal gap, centre and scale
/// jitter) and how the loss terms are weighted.
/// </summary>
/// <param name="RampEpochs">Epochs over which difficulty goes from 0 to 1 (0: always 1).</param>
/// <param name="MinFrameGap">Largest template-to-search frame gap at difficulty 0.</param>
/// <param name="MaxFrameGap">Largest template-to-search frame gap at difficulty 1.</param>
/// <param name="MinCenterJitter">Search-centre jitter (in units of the target size) at difficulty 0.</param>
/// <param name="MaxCenterJitter">Search-centre jitter at difficulty 1 (OSTrack uses 3 for search factor 4 in search-crop pixels / target size terms).</param>
/// <param name="MinScaleJitter">Log-scale jitter at difficulty 0.</param>
/// <param name="MaxScaleJitter">Log-scale jitter at difficulty 1 (OSTrack: 0.25).</param>
public sealed record Curriculum(
    double RampEpochs = 10,
    int MinFrameGap = 5,
    int MaxFrameGap = 100,
    double MinCenterJitter = 0.5,
    double MaxCenterJitter = 3.0,
    double MinScaleJitter = 0.05,
    double MaxScaleJitter = 0.25)
{
    /// <summary>Difficulty in [0, 1] at a (fractional) epoch.</summary>
    public double DifficultyAt(double epoch) =>
        RampEpochs <= 0 ? 1.0 : Math.Clamp(epoch / RampEpochs, 0.0, 1.0);

    /// <summary>Sampling parameters at difficulty <paramref name="difficulty"/>.</summary>
    public PairSamplingSettings SamplingAt(double difficulty)
    {
        double d = Math.Clamp(difficulty, 0.0, 1.0);
        return new PairSamplingSettings(
            MaxFrameGap: (int)Math.Round(MinFrameGap + d * (MaxFrameGap - MinFrameGap)),
            CenterJitter: MinCenterJitter + d * (MaxCenterJitter - MinCenterJitter),
            ScaleJitter: MinScaleJitter + d * (MaxScaleJitter - MinScaleJitter));
    }

    /// <summary>
    /// Weight of the uncertainty (NLL) term at difficulty <paramref name="difficulty"/>: it grows with difficulty,
    /// because the predicted variance is only informative once the box regression has converged on easy pairs.
    /// </summary>
    public static double UncertaintyWeightAt(double difficulty) => Math.Clamp(difficulty, 0.0, 1.0);
}
