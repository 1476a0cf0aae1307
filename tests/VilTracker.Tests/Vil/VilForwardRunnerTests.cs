using TorchSharp;
using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>The library entry of <c>viltrack vil forward</c> on the official fixture and on a non-square configuration.</summary>
public sealed class VilForwardRunnerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vil-runner-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("vil_small_A.safetensors", 2e-5)]
    [InlineData("vil_small_A_f64.safetensors", 1e-9)]
    public void FixtureOutputsAreReproduced(string fixture, double atol)
    {
        using var scope = NewDisposeScope();
        var path = VilFixtures.PathOf(fixture);
        var output = Path.Combine(folder, "out.safetensors");
        VilForwardRunner.Run(path, path, output);

        using var expected = SafeTensorsFile.Open(path);
        using var actual = SafeTensorsFile.Open(output);
        Assert.Equal(expected.Load("input.x").dtype, actual.Load(VilForwardRunner.FeaturesName).dtype);
        VilFixtures.AssertClose(expected.Load("output.features"), actual.Load(VilForwardRunner.FeaturesName), atol, "output.features");
        VilFixtures.AssertClose(expected.Load("output.logits"), actual.Load(VilForwardRunner.LogitsName), atol, "output.logits");
    }

    [Fact]
    public void ConfigFileWithoutLegacyNormReproducesTheFixtureLogitsWithoutIt()
    {
        using var scope = NewDisposeScope();
        var fixture = VilFixtures.PathOf("vil_small_A_f64.safetensors");
        using var expected = SafeTensorsFile.Open(fixture);
        var configPath = Path.Combine(folder, "config.json");
        File.WriteAllText(configPath, expected.Metadata["config_no_legacy_norm"]);
        var output = Path.Combine(folder, "out.safetensors");
        VilForwardRunner.Run(fixture, fixture, output, configPath);
        using var actual = SafeTensorsFile.Open(output);
        VilFixtures.AssertClose(expected.Load("output.logits_no_legacy_norm"), actual.Load(VilForwardRunner.LogitsName), 1e-9, "logits without legacy norm");
        VilFixtures.AssertClose(expected.Load("output.features"), actual.Load(VilForwardRunner.FeaturesName), 1e-9, "features");
    }

    [Fact]
    public void NonSquareInputWithPatch8AndOddDepthRunsWithAConfigFile()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var config = new VisionLstmConfig { Dim = 16, Depth = 3, InputShape = [3, 48, 80], PatchSize = 8, OutputShape = [4], LegacyNorm = true };
        manual_seed(4);
        using var model = new VisionLstm(config);
        model.eval();
        var weightsPath = Path.Combine(folder, "w.safetensors");
        SafeTensorsWriter.Write(weightsPath, model.state_dict());
        var configPath = Path.Combine(folder, "config.json");
        File.WriteAllText(configPath, config.ToJson());
        var x = randn([2, 3, 48, 80], ScalarType.Float64);
        var inputPath = Path.Combine(folder, "in.safetensors");
        SafeTensorsWriter.Write(inputPath, [new("input.x", x)]);
        var outputPath = Path.Combine(folder, "out.safetensors");

        VilForwardRunner.Run(weightsPath, inputPath, outputPath, configPath);

        using var output = SafeTensorsFile.Open(outputPath);
        var features = output.Load(VilForwardRunner.FeaturesName);
        var logits = output.Load(VilForwardRunner.LogitsName);
        Assert.Equal([2L, 6 * 10, 16], features.shape);
        Assert.Equal([2L, 4], logits.shape);
        Assert.Equal(ScalarType.Float64, logits.dtype);
        model.to(ScalarType.Float64);
        VilFixtures.AssertClose(model.forward(x), logits, 1e-12, "logits");
    }

    [Fact]
    public void WeightsWithoutConfigMetadataAskForConfigFile()
    {
        using var scope = NewDisposeScope();
        var weightsPath = Path.Combine(folder, "w.safetensors");
        SafeTensorsWriter.Write(weightsPath, [new("norm.weight", zeros(4))]);
        var error = Assert.Throws<InvalidDataException>(() => VilForwardRunner.Run(weightsPath, weightsPath, Path.Combine(folder, "o.safetensors")));
        Assert.Contains("--config", error.Message);
        Assert.Contains(weightsPath, error.Message);
    }

    [Fact]
    public void WeightsOfAnotherModelAreRejectedByName()
    {
        using var scope = NewDisposeScope();
        var fixture = VilFixtures.PathOf("vil_small_A.safetensors");
        var configPath = Path.Combine(folder, "config.json");
        File.WriteAllText(configPath, """{"dim": 64, "depth": 5, "input_shape": [3, 64, 64], "output_shape": [10], "legacy_norm": true}""");
        var error = Assert.Throws<VilWeightsException>(() => VilForwardRunner.Run(fixture, fixture, Path.Combine(folder, "o.safetensors"), configPath));
        Assert.Contains("blocks.4.rowwise_from_top_left.norm.weight", error.Missing);
        Assert.Empty(error.Unexpected);
    }

    [Fact]
    public void InputOfTheWrongSizeIsRejectedWithTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        var fixture = VilFixtures.PathOf("vil_small_A.safetensors");
        var inputPath = Path.Combine(folder, "in.safetensors");
        SafeTensorsWriter.Write(inputPath, [new("input.x", zeros(1, 3, 64, 48))]);
        var error = Assert.Throws<InvalidDataException>(() => VilForwardRunner.Run(fixture, inputPath, Path.Combine(folder, "o.safetensors")));
        Assert.Contains("[3, 64, 64]", error.Message);
    }
}
