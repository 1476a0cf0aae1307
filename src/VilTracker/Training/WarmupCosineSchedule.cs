namespace VilTracker.Training;

/// <summary>
/// Learning rate that rises linearly from 0 to <see cref="PeakLearningRate"/> over the warm-up steps, then
/// follows a half cosine down to <see cref="FinalLearningRate"/> at <see cref="TotalSteps"/>.
/// </summary>
/// <param name="PeakLearningRate">Learning rate at the end of warm-up.</param>
/// <param name="WarmupSteps">Steps of linear warm-up (0 for none).</param>
/// <param name="TotalSteps">Total optimisation steps of the run.</param>
/// <param name="FinalLearningRate">Learning rate reached at the last step.</param>
public sealed record WarmupCosineSchedule(double PeakLearningRate, long WarmupSteps, long TotalSteps, double FinalLearningRate = 0)
{
    /// <summary>The learning rate for optimisation step <paramref name="step"/> (0-based).</summary>
    public double LearningRateAt(long step)
    {
        if (TotalSteps <= 0 || WarmupSteps < 0 || WarmupSteps > TotalSteps || PeakLearningRate < 0)
            throw new InvalidOperationException(
                $"Invalid schedule: peak {PeakLearningRate}, warm-up {WarmupSteps}, total {TotalSteps} steps; warm-up must lie within the total and rates be non-negative.");
        if (step < WarmupSteps)
            return PeakLearningRate * (step + 1) / WarmupSteps;
        long decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / decaySteps);
        return FinalLearningRate + 0.5 * (PeakLearningRate - FinalLearningRate) * (1 + Math.Cos(Math.PI * progress));
    }
}
