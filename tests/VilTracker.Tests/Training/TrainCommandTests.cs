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
            var options = new TrainingOptions { Seed = 2, BatchSize = 2, TotalSteps = 2, WarmupSteps = 0, CheckpointEvery = 1 };
            int code = TrainCommand.Run(options, "uav-small", init, [SharedData.PathOf("data", "sot-dev") + "@2"], ["1"],
                new HashSet<string> { "bag" }, run, resume: false);
            Assert.Equal(0, code);
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
