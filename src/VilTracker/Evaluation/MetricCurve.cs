namespace VilTracker.Evaluation;

/// <summary>
/// A success or precision curve: the fraction of frames passing each threshold (values in [0, 1]).
/// </summary>
/// <param name="Thresholds">The toolkit's threshold values, bit-for-bit (see <see cref="ThresholdSets"/>).</param>
/// <param name="Values">Fraction of frames at each threshold, same length as <paramref name="Thresholds"/>.</param>
public sealed record MetricCurve(IReadOnlyList<double> Thresholds, IReadOnlyList<double> Values)
{
    /// <summary>Mean of <see cref="Values"/> as <c>np.mean</c> computes it (the area-under-curve score of success curves).</summary>
    public double Mean() => NumpyReduction.Mean(Values);

    /// <summary>The curve value at <paramref name="index"/>.</summary>
    public double this[int index] => Values[index];

    /// <summary>
    /// Element-wise mean of curves that share their thresholds (the toolkits' average over sequences; like
    /// <c>np.mean(curves, axis=0)</c> the sequences are added one after another, then divided by their count).
    /// </summary>
    /// <exception cref="ArgumentException">No curves, or thresholds that differ.</exception>
    public static MetricCurve Average(IReadOnlyList<MetricCurve> curves)
    {
        if (curves.Count == 0) throw new ArgumentException("Cannot average zero curves.", nameof(curves));
        var thresholds = curves[0].Thresholds;
        var sums = new double[thresholds.Count];
        foreach (var curve in curves)
        {
            if (!curve.Thresholds.SequenceEqual(thresholds))
                throw new ArgumentException("Curves with different thresholds cannot be averaged.", nameof(curves));
            for (int i = 0; i < sums.Length; i++) sums[i] += curve.Values[i];
        }
        return new MetricCurve(thresholds, sums.Select(s => s / curves.Count).ToArray());
    }
}
