namespace VilTracker.Evaluation;

/// <summary>
/// Tracking time of a sequence as read from its <c>_time.txt</c> file(s).
/// Speed is defined as pytracking/OSTrack print it: frames divided by total seconds (not the mean of 1/t).
/// </summary>
/// <param name="Frames">Number of timed frames (time-file values, initialisation frame included).</param>
/// <param name="Seconds">Sum of the per-frame times in seconds.</param>
public sealed record FrameTiming(int Frames, double Seconds)
{
    /// <summary><see cref="Frames"/> / <see cref="Seconds"/>; NaN when no time was recorded.</summary>
    public double Fps => Seconds > 0 ? Frames / Seconds : double.NaN;

    /// <summary>Total frames over total seconds of several sequences (time-weighted, like one long video).</summary>
    public static FrameTiming? Sum(IEnumerable<FrameTiming?> timings)
    {
        var known = timings.OfType<FrameTiming>().ToList();
        return known.Count == 0 ? null : new FrameTiming(known.Sum(t => t.Frames), known.Sum(t => t.Seconds));
    }
}
