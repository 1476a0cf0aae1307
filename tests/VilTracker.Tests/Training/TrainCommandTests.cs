using VilTracker.Cli.Commands;
using VilTracker.IO;
using VilTracker.Model;
using VilTracker.Training;
using VilTracker.Vil;
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
    [Fact]
    public void BackboneStartsFromOfficialVilWeightsAndTakesTheirConvolution()
    {
        string root = TrainingFixtures.TempRunFolder();
        try
        {
            // Official ViL2 classifier weights of uav-small's width and depth (dim 128, 3 block pairs, 2-D 3x3 convolution, 224 px).
            string weights = Path.Combine(root, "vil.safetensors");
            Dictionary<string, Tensor> official;
            manual_seed(3);
            using (var vil = new VisionLstm(new VisionLstmConfig { Dim = 128, Depth = 3 }))
            {
                official = vil.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                SafeTensorsWriter.Write(weights, official);
            }
            string run = Path.Combine(root, "run");
            var cli = new System.CommandLine.RootCommand { TrainCommand.Create() };
            int code = cli.Parse(["train", "--preset", "uav-small", "--backbone-weights", weights, "--synthetic", "1", "--max-steps", "1",
                "--batch-size", "2", "--lr", "1e-8", "--warmup-steps", "0", "--out", run]).Invoke();

            Assert.Equal(0, code);
            using var exported = ModelFolder.Load(Path.Combine(run, "model"));
            Assert.Equal((VilConvKind.Conv2d, 3), (exported.Config.ConvKind, exported.Config.ConvKernelSize));
            var trained = exported.state_dict();
            // One step at lr 1e-8 and the fp16 export move a weight by far less than 1e-3; a random start differs by ~0.02.
            foreach (string name in new[] { "blocks.0.rowwise_from_top_left.layer.proj_up.weight", "blocks.2.rowwise_from_bot_right.layer.conv.weight", "patch_embed.proj.weight" })
            {
                double diff = (trained[name].to_type(ScalarType.Float64) - official[name].to_type(ScalarType.Float64)).abs().max().item<double>();
                Assert.True(diff < 1e-3, $"{name} differs from the official weights by {diff}");
            }
            Assert.Contains("backbone started from the official ViL weights `vil.safetensors`", File.ReadAllText(Path.Combine(run, "model", ModelFolder.CardFile)));

            // Weights of another width are refused before any training, naming the mismatched tensors.
            Assert.Equal(1, cli.Parse(["train", "--preset", "vil-t", "--backbone-weights", weights, "--synthetic", "1", "--max-steps", "1", "--out", Path.Combine(root, "wrong")]).Invoke());
            Assert.False(Directory.Exists(Path.Combine(root, "wrong", TrainingCheckpoint.FolderName)));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
