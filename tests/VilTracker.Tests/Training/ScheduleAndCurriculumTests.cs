using VilTracker.Training;

namespace VilTracker.Tests.Training;

public class ScheduleAndCurriculumTests
{
    [Fact]
    public void WarmupRisesLinearlyThenCosineDecays()
    {
        var schedule = new WarmupCosineSchedule(PeakLearningRate: 1e-3, WarmupSteps: 4, TotalSteps: 14, FinalLearningRate: 1e-5);
        // Warm-up: (step + 1) / 4 of the peak.
        Assert.Equal(0.25e-3, schedule.LearningRateAt(0), 15);
        Assert.Equal(1e-3, schedule.LearningRateAt(3), 15);
        // Decay over 10 steps: at step 4 progress 0 -> peak; at step 9 progress 0.5 -> midpoint (1e-3 + 1e-5) / 2.
        Assert.Equal(1e-3, schedule.LearningRateAt(4), 15);
        Assert.Equal(0.505e-3, schedule.LearningRateAt(9), 15);
        Assert.Equal(1e-5, schedule.LearningRateAt(14), 15);
        Assert.Equal(1e-5, schedule.LearningRateAt(100), 15);
    }

    [Fact]
    public void InvalidScheduleIsRejected()
    {
        var bad = new WarmupCosineSchedule(1e-3, WarmupSteps: 20, TotalSteps: 10);
        Assert.Contains("warm-up", Assert.Throws<InvalidOperationException>(() => bad.LearningRateAt(0)).Message);
    }

    [Fact]
    public void CurriculumRampsDifficultyAndSampling()
    {
        var curriculum = new Curriculum(RampEpochs: 4, MinFrameGap: 10, MaxFrameGap: 50, MinCenterJitter: 1, MaxCenterJitter: 3,
            MinScaleJitter: 0.1, MaxScaleJitter: 0.3);
        Assert.Equal(0, curriculum.DifficultyAt(0));
        Assert.Equal(0.25, curriculum.DifficultyAt(1));
        Assert.Equal(1, curriculum.DifficultyAt(9));
        var mid = curriculum.SamplingAt(0.5);
        // 10 + 0.5·40 = 30 frames; 1 + 0.5·2 = 2; 0.1 + 0.5·0.2 = 0.2.
        Assert.Equal(30, mid.MaxFrameGap);
        Assert.Equal(2.0, mid.CenterJitter, 12);
        Assert.Equal(0.2, mid.ScaleJitter, 12);
        Assert.Equal(1, new Curriculum(RampEpochs: 0).DifficultyAt(0));
    }
}
