using VilTracker.Cli.Commands;
using VilTracker.Model;
using VilTracker.Training;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

public class TrainCommandTests
{
    [Fact]
    public void TrainsFromAModelFolderOnRealAndSyntheticDataAndExportsTheModelFolder()
    {
        string root = TrainingFixtures.TempRunFolder();
        try
        {
            string init = Path.Combine(root, "init");
            manual_seed(2);
            using (var model = new TrackerModel(TrainingFixtures.MicroModel))
                ModelFolder.Save(model, init, weightType: ScalarType.Float32);
            string run = Path.Combine(root, "run");
            var cli = new System.CommandLine.RootCommand { TrainCommand.Create() };
            int code = cli.Parse(["train", "--init", init, "--data", SharedData.PathOf("data", "sot-dev") + "@2", "--synthetic", "1",
                "--max-steps", "2", "--batch-size", "2", "--checkpoint-every", "1", "--seed", "2", "--held-out", "bag", "--out", run]).Invoke();
            Assert.Equal(0, code);
            var state = TrainingState.Load(Path.Combine(TrainingCheckpoint.Latest(run)!, TrainingCheckpoint.StateFile));
            Assert.Equal((2L, 2, 2UL, 1L, 0L), (state.Options.TotalSteps, state.Options.BatchSize, state.Options.Seed, state.Options.CheckpointEvery, state.Options.WarmupSteps));
            var options = state.Options;
            using var exported = ModelFolder.Load(Path.Combine(run, "model"));
            Assert.Equal(TrainingFixtures.MicroModel.Dim, exported.Config.Dim);
            string card = File.ReadAllText(Path.Combine(run, "model", ModelFolder.CardFile));
            Assert.Contains("sot-dev (11 sequences)", card);
            Assert.Contains("synthetic x1", card);
            Assert.Contains("step 2: total", card);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(run, MetricsLog.CsvFile)).Length);
            Assert.Equal("step-000002", File.ReadAllText(Path.Combine(run, TrainingCheckpoint.FolderName, TrainingCheckpoint.LatestFile)).Trim());
            // A second start into the same folder is refused with exit code 1; a resume of the finished run does nothing.
            Assert.Equal(1, TrainCommand.Run(options, "uav-small", init, [SharedData.PathOf("data", "sot-dev")], ["1"], new HashSet<string>(), run, resume: false));
            Assert.Equal(0, TrainCommand.Run(options, "uav-small", null, [SharedData.PathOf("data", "sot-dev") + "@2"], ["1"], new HashSet<string> { "bag" }, run, resume: true));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
