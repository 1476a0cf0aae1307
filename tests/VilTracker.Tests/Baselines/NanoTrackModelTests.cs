using Microsoft.ML.OnnxRuntime;
using VilTracker.Baselines.NanoTrack;

namespace VilTracker.Tests.Baselines;

/// <summary>Model files, config and the backbone input patch, checked against NANOTRACK.md's published values.</summary>
public sealed class NanoTrackModelTests
{
    private static string ModelFolder => SharedData.PathOf("models", "nanotrack");

    [Fact]
    public void ConfigsGiveTheDocumentedConstants()
    {
        var v2 = NanoTrackConfig.Load(NanoTrackModelFiles.Locate(NanoTrackVersion.V2, ModelFolder).Config);
        var v3 = NanoTrackConfig.Load(NanoTrackModelFiles.Locate(NanoTrackVersion.V3, ModelFolder).Config);

        Assert.Equal(new NanoTrackConfig(0.490, 0.150, 0.385, 16), v2);
        Assert.Equal(new NanoTrackConfig(0.455, 0.138, 0.348, 15), v3);
    }

    [Fact]
    public void ConfigWithoutARequiredKeyIsNamed()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "TRAIN:\n    LR: 0.1\nTRACK:\n    WINDOW_INFLUENCE: 0.4\n    LR: 0.3\n");
            var error = Assert.Throws<InvalidDataException>(() => NanoTrackConfig.Load(path));
            Assert.Contains("PENALTY_K", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingModelFolderIsNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-nanotrack-folder");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new NanoTrackTracker(NanoTrackVersion.V2, missing));
        Assert.Contains(missing, error.Message);
    }

    // Input pattern and expected outputs: NANOTRACK.md §4, "I/O plumbing test vectors".
    [Theory]
    [InlineData(NanoTrackVersion.V2, 127, -1160.3527, -4.651769, -4.133555)]
    [InlineData(NanoTrackVersion.V2, 255, -5911.7506, -4.877163, -4.213712)]
    [InlineData(NanoTrackVersion.V3, 127, 2161.6143, 1.723335, 1.589097)]
    [InlineData(NanoTrackVersion.V3, 255, 10362.4858, 1.826710, 1.890936)]
    public void PatchedBackboneAcceptsBothCropSizesAndMatchesTheReference(NanoTrackVersion version, int side, double sum, double at0000, double at0534)
    {
        var file = NanoTrackModelFiles.Locate(version, ModelFolder).Backbone;
        var patched = OnnxInputDimensionPatch.MakeSpatialDimsSymbolic(File.ReadAllBytes(file), "input", file);
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(patched, options);
        Assert.Equal(new[] { "", "", "H", "W" }, session.InputMetadata["input"].SymbolicDimensions);

        var input = new float[3 * side * side];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    input[(c * side + y) * side + x] = (31 * c + 7 * y + 13 * x + x * y % 17) % 256;
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, side, side]);
        using var outputs = session.Run(new RunOptions(), ["input"], [value], ["output"]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        int s = side == 127 ? 8 : 16;
        Assert.Equal(new long[] { 1, version == NanoTrackVersion.V2 ? 48 : 96, s, s }, shape);
        Assert.Equal(sum, data.Sum(v => (double)v), Math.Abs(sum) * 1e-4);
        Assert.Equal(at0000, data[0], 1e-4);
        Assert.Equal(at0534, data[(5 * s + 3) * s + 4], 1e-4);
    }

    [Fact]
    public void PatchRefusesAModelWhoseInputIsNotFixedAt255()
    {
        var file = NanoTrackModelFiles.Locate(NanoTrackVersion.V2, ModelFolder).Backbone;
        var once = OnnxInputDimensionPatch.MakeSpatialDimsSymbolic(File.ReadAllBytes(file), "input", file);

        Assert.Throws<InvalidDataException>(() => OnnxInputDimensionPatch.MakeSpatialDimsSymbolic(once, "input", file));
        Assert.Throws<InvalidDataException>(() => OnnxInputDimensionPatch.MakeSpatialDimsSymbolic(File.ReadAllBytes(file), "image", file));
        Assert.Throws<InvalidDataException>(() => OnnxInputDimensionPatch.MakeSpatialDimsSymbolic([0x3A, 0x05, 0x01], "input", "broken.onnx"));
    }
}
