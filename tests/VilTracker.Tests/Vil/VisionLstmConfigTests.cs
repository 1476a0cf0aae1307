using VilTracker.Vil;

namespace VilTracker.Tests.Vil;

/// <summary>The official constructor arguments read and write as JSON, with the official defaults and quirks.</summary>
public class VisionLstmConfigTests
{
    [Fact]
    public void FixtureConfigsParseWithOfficialMeaning()
    {
        using var file = VilFixtures.OpenSmallA(TorchSharp.torch.ScalarType.Float32);
        var config = VisionLstmConfig.FromJson(file.Metadata["config"]);
        Assert.Equal(64, config.Dim);
        Assert.Equal(4, config.Depth);
        Assert.Equal([3, 64, 64], config.InputShape);
        Assert.Equal(16, config.PatchSize);
        Assert.Null(config.Stride);
        Assert.Equal([10], config.OutputShape!);
        Assert.True(config.LegacyNorm);
        Assert.Equal(VilPooling.BilateralFlatten, config.Pooling);
        Assert.Equal(128, config.HeadDim);
        Assert.Equal(new TokenGrid(4, 4), config.TokenGrid);

        var features = VisionLstmConfig.FromJson(file.Metadata["config_features"]);
        Assert.Equal(VilMode.Features, features.Mode);
        Assert.Null(features.OutputShape);
        Assert.Equal(VilPooling.None, features.Pooling);
        Assert.Equal(64, features.HeadDim);
    }

    [Fact]
    public void JsonRoundTripKeepsEveryArgument()
    {
        var config = new VisionLstmConfig
        {
            Dim = 48, Depth = 5, InputShape = [3, 48, 80], PatchSize = 8, Stride = 4, OutputShape = [7],
            Mode = VilMode.Classifier, Pooling = VilPooling.BilateralAvg, DropPathRate = 0.1, DropPathDecay = true,
            LegacyNorm = true, ConvKind = VilConvKind.Causal1d, ConvKernelSize = 4, ProjBias = false, NormBias = false,
            InitWeights = VilInitWeights.OriginalFixed,
        };
        var json = config.ToJson();
        foreach (var name in new[] { "\"dim\"", "\"depth\"", "\"input_shape\"", "\"patch_size\"", "\"stride\"", "\"output_shape\"", "\"mode\"",
                     "\"pooling\"", "\"drop_path_rate\"", "\"drop_path_decay\"", "\"legacy_norm\"", "\"conv_kind\"", "\"conv_kernel_size\"",
                     "\"proj_bias\"", "\"norm_bias\"", "\"init_weights\":\"original-fixed\"" })
            Assert.Contains(name, json);
        Assert.Equal(config, VisionLstmConfig.FromJson(json));
    }

    [Fact]
    public void MissingArgumentsTakeOfficialDefaults()
    {
        var config = VisionLstmConfig.FromJson("{}");
        Assert.Equal(192, config.Dim);
        Assert.Equal(12, config.Depth);
        Assert.Equal([3, 224, 224], config.InputShape);
        Assert.Equal(16, config.PatchSize);
        Assert.Equal([1000], config.OutputShape!);
        Assert.Equal(VilMode.Classifier, config.Mode);
        Assert.Equal(VilPooling.BilateralFlatten, config.Pooling);
        Assert.False(config.LegacyNorm);
        Assert.Equal(VilConvKind.Conv2d, config.ConvKind);
        Assert.Equal(3, config.ConvKernelSize);
        Assert.True(config.ProjBias && config.NormBias);
        Assert.Equal(VilInitWeights.Original, config.InitWeights);
    }

    [Fact]
    public void OfficialQuirksAreReplicated()
    {
        // conv_kernel_size is not forwarded to the block pairs: blocks keep 3.
        var config = VisionLstmConfig.FromJson("""{"dim": 16, "depth": 1, "input_shape": [3, 32, 32], "conv_kernel_size": 5}""");
        using var model = new VisionLstm(config);
        Assert.Equal([32, 1, 3, 3], model.state_dict()["blocks.0.rowwise_from_top_left.layer.conv.weight"].shape);

        // mode=features replaces bilateral pooling by none (and the head dim is D).
        var features = VisionLstmConfig.FromJson("""{"dim": 16, "depth": 1, "input_shape": [3, 32, 32], "mode": "features", "pooling": "bilateral_flatten", "legacy_norm": true}""");
        Assert.Equal(VilPooling.None, features.EffectivePooling);
        using var featureModel = new VisionLstm(features);
        Assert.Equal([16], featureModel.state_dict()["legacy_norm.weight"].shape);
        Assert.False(featureModel.state_dict().ContainsKey("head.weight"));

        // drop_path_decay: linspace(0, rate, depth) over the pairs.
        Assert.Equal([0.0, 0.1, 0.2], new VisionLstmConfig { Depth = 3, DropPathRate = 0.2, DropPathDecay = true }.DropPathRates(), new DoubleTolerance(1e-15));
    }

    [Theory]
    [InlineData("""{"input_shape": [3, 100, 64]}""", "not divisible by patch_size=16")]
    [InlineData("""{"dim": 30}""", "multiple of 4")]
    [InlineData("""{"mode": "segmenter"}""", "'mode'")]
    [InlineData("""{"pooling": "max"}""", "'pooling'")]
    [InlineData("""{"dimension": 64}""", "unknown argument")]
    [InlineData("""{"output_shape": null}""", "output_shape")]
    [InlineData("""{"depth": 0}""", "depth")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    [InlineData("""{"dim": 64""", "not valid JSON")]
    public void InvalidConfigsFailWithClearMessage(string json, string expectedFragment)
    {
        var error = Assert.ThrowsAny<Exception>(() => VisionLstmConfig.FromJson(json, "test.json"));
        Assert.Contains(expectedFragment, error.Message);
        Assert.Contains("test.json", error.Message);
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
