using System.Diagnostics;
using VilTracker.Model;
using VilTracker.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

public class TrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void AStepWithNonFiniteGradientsChangesNoWeight()
    {
        var config = TrainingFixtures.TinyModel;
        var options = new TrainingOptions { Seed = 4, BatchSize = 2, TotalSteps = 1, WarmupSteps = 0, CheckpointEvery = 0 };
        string run = TrainingFixtures.TempRunFolder();
        try
        {
            manual_seed(4);
            using var model = new TrackerModel(config);
            var poisoned = model.named_parameters().Single(p => p.name == "uncertainty_head.conv2_unc.bias").parameter;
            using (no_grad()) poisoned.fill_(double.NaN);
            var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
            using var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, options.Seed), run);
            trainer.Run();

            Assert.Equal(1, trainer.SkippedSteps);
            // Without the guard the NaN clipping factor would have turned every weight into NaN.
            foreach (var (name, parameter) in model.named_parameters().Where(p => p.name != "uncertainty_head.conv2_unc.bias"))
                Assert.True(parameter.allclose(before[name], rtol: 0, atol: 0), $"{name} changed");
            foreach (var value in before.Values) value.Dispose();
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void TinyModelLossFallsOnSyntheticData()
    {
        var config = TrainingFixtures.TinyModel;
        var options = new TrainingOptions
        {
            Seed = 21, BatchSize = 4, StepsPerEpoch = 1000, TotalSteps = 30, LearningRate = 2e-3, FinalLearningRate = 2e-4,
            WarmupSteps = 3, GradClip = 1.0, CheckpointEvery = 0, FilmStartEpoch = 0,
            Curriculum = new Curriculum(RampEpochs: 0, MinFrameGap: 5, MaxFrameGap: 5, MinCenterJitter: 0.5, MaxCenterJitter: 0.5, MinScaleJitter: 0.05, MaxScaleJitter: 0.05),
        };
        string run = TrainingFixtures.TempRunFolder();
        try
        {
            manual_seed(21);
            using var model = new TrackerModel(config);
            using var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, options.Seed), run);
            var losses = new List<double>();
            var watch = Stopwatch.StartNew();
            trainer.Run(onStep: m => losses.Add(m.Loss));
            double first = losses.Take(10).Average(), last = losses.TakeLast(10).Average();
            output.WriteLine($"30 steps in {watch.Elapsed.TotalSeconds:F1} s; mean loss first 10 {first:F3}, last 10 {last:F3}");
            Assert.All(losses, l => Assert.True(double.IsFinite(l)));
            Assert.True(last < 0.7 * first, $"loss did not fall clearly: first 10 {first:F3}, last 10 {last:F3}");
            Assert.Equal(30, File.ReadAllLines(Path.Combine(run, MetricsLog.JsonFile)).Length);
            Assert.True(Directory.Exists(Path.Combine(run, TrainingCheckpoint.FolderName, "step-000030")));
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARunStoppedAfterItsCheckpointAndResumedEqualsTheUninterruptedRun(bool phaseTwoWithTeacherAndLearnedWeights)
    {
        var config = TrainingFixtures.MicroModel;
        string teacherFolder = TrainingFixtures.TempRunFolder();
        var options = new TrainingOptions
        {
            Seed = 5, BatchSize = 2, StepsPerEpoch = 2, TotalSteps = 6, LearningRate = 1e-3, WarmupSteps = 2, CheckpointEvery = 3,
            FilmStartEpoch = 1, Curriculum = new Curriculum(RampEpochs: 3),
        };
        if (phaseTwoWithTeacherAndLearnedWeights)
        {
            manual_seed(77);
            using (var teacherModel = new TrackerModel(config))
                ModelFolder.Save(teacherModel, teacherFolder, weightType: ScalarType.Float32);
            options = options with { Phase = 2, Teacher = teacherFolder, AdaptiveWeighting = true };
        }
        string whole = TrainingFixtures.TempRunFolder(), killed = TrainingFixtures.TempRunFolder();
        try
        {
            Dictionary<string, Tensor> expected;
            using (var scope = NewDisposeScope())
            {
                manual_seed(5);
                using var model = new TrackerModel(config);
                using var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, options.Seed), whole);
                trainer.Run();
                expected = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().MoveToOuterDisposeScope());
            }

            manual_seed(5);
            using (var model = new TrackerModel(config))
            using (var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, options.Seed), killed))
                trainer.Run(stopAfter: 4);   // "killed" one step after the checkpoint at step 3: step 4 is lost
            Assert.Equal(4, File.ReadAllLines(Path.Combine(killed, MetricsLog.JsonFile)).Length);

            // A kill during a checkpoint write leaves a temporary folder; resuming ignores it and cleans it up.
            string partial = Path.Combine(killed, TrainingCheckpoint.FolderName, ".step-000004.0123.tmp");
            Directory.CreateDirectory(partial);
            File.WriteAllText(Path.Combine(partial, ModelFolder.WeightsFile), "half written");
            // A kill in mid-write of the metrics leaves torn last lines; resuming drops them.
            File.AppendAllText(Path.Combine(killed, MetricsLog.JsonFile), "{\"step\":5,\"ep");
            File.AppendAllText(Path.Combine(killed, MetricsLog.CsvFile), "5,0,0.");
            using (var trainer = Trainer.Resume(killed, TrainingFixtures.SyntheticSampler(config, options.Seed)))
            {
                Assert.False(Directory.Exists(partial));
                Assert.Equal(3, trainer.CompletedSteps);
                Assert.Equal(3, File.ReadAllLines(Path.Combine(killed, MetricsLog.JsonFile)).Length);
                trainer.Run();
                var actual = trainer.Model.state_dict();
                Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
                foreach (var (name, value) in expected)
                {
                    double diff = (actual[name].to_type(ScalarType.Float64) - value.to_type(ScalarType.Float64)).abs().max().item<double>();
                    Assert.True(diff <= 1e-6, $"{name} differs by {diff}");
                }
                trainer.Model.Dispose();
            }
            foreach (var v in expected.Values) v.Dispose();

            static string[] Losses(string run) => File.ReadAllLines(Path.Combine(run, MetricsLog.CsvFile)).Select(l => string.Join(',', l.Split(',')[..^1])).ToArray();
            Assert.Equal(Losses(whole), Losses(killed));
            Assert.Equal(7, File.ReadAllLines(Path.Combine(killed, MetricsLog.CsvFile)).Length);
            Assert.Equal("step-000006", File.ReadAllText(Path.Combine(killed, TrainingCheckpoint.FolderName, TrainingCheckpoint.LatestFile)).Trim());
            var checkpoint = Path.Combine(killed, TrainingCheckpoint.FolderName, "step-000003");
            foreach (var file in new[] { ModelFolder.WeightsFile, ModelFolder.ConfigFile, TrainingCheckpoint.OptimizerFile, TrainingCheckpoint.StateFile })
                Assert.True(File.Exists(Path.Combine(checkpoint, file)), file);
            Assert.Equal(phaseTwoWithTeacherAndLearnedWeights, File.Exists(Path.Combine(checkpoint, TrainingCheckpoint.WeightingFile)));
            Assert.Equal(phaseTwoWithTeacherAndLearnedWeights, File.ReadAllLines(Path.Combine(killed, MetricsLog.CsvFile))[0].Contains("distillation"));
            Assert.Empty(Directory.GetDirectories(Path.Combine(killed, TrainingCheckpoint.FolderName), ".*"));
        }
        finally
        {
            foreach (var run in new[] { whole, killed, teacherFolder })
                if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void StartingOverAnExistingRunIsRefused()
    {
        var config = TrainingFixtures.MicroModel;
        var options = new TrainingOptions { Seed = 1, BatchSize = 2, TotalSteps = 1, WarmupSteps = 0, CheckpointEvery = 1 };
        string run = TrainingFixtures.TempRunFolder();
        try
        {
            using (var model = new TrackerModel(config))
            using (var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, 1), run))
                trainer.Run();
            using var again = new TrackerModel(config);
            var error = Assert.Throws<InvalidOperationException>(() => Trainer.Start(options, again, TrainingFixtures.SyntheticSampler(config, 1), run));
            Assert.Contains("resume", error.Message);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void LiveTensorsStayFlatFromStepToStep()
    {
        var config = TrainingFixtures.MicroModel;
        var options = new TrainingOptions { Seed = 9, BatchSize = 2, TotalSteps = 7, WarmupSteps = 1, CheckpointEvery = 0 };
        string run = TrainingFixtures.TempRunFolder();
        try
        {
            manual_seed(9);
            using var model = new TrackerModel(config);
            using var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, 9), run);
            trainer.Run(stopAfter: 2);   // the optimizer's moments and the gradients exist from the first step on
            long afterTwo = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            trainer.Run(stopAfter: 6);
            long afterSix = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            Assert.Equal(afterTwo, afterSix);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }
}
