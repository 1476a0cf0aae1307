using VilTracker.IO;
using VilTracker.Model;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

public sealed class ModelFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltrack-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Float32FolderReloadsToTheSameOutputs()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var model = new TrackerModel(TrackerModelTests.Tiny);
        model.eval();
        ModelFolder.Save(model, _dir, card: "# tiny\n", weightType: ScalarType.Float32);
        Assert.True(File.Exists(Path.Combine(_dir, ModelFolder.ConfigFile)));
        Assert.Equal("# tiny\n", File.ReadAllText(Path.Combine(_dir, ModelFolder.CardFile)));
        using var loaded = ModelFolder.Load(_dir);
        var (z, x, m) = (randn(1, 3, 16, 16), randn(1, 3, 32, 32), randn(1, 1, 16));
        Assert.True(model.call(z, x, m).Score.eq(loaded.call(z, x, m).Score).all().item<bool>());
    }

    [Fact]
    public void Float16WeightsFileAloneCarriesItsConfig()
    {
        using var scope = NewDisposeScope();
        using var model = new TrackerModel(TrackerModelTests.Tiny);
        ModelFolder.Save(model, _dir);
        File.Delete(Path.Combine(_dir, ModelFolder.ConfigFile));
        using (var file = SafeTensorsFile.Open(Path.Combine(_dir, ModelFolder.WeightsFile)))
            Assert.Equal("F16", file.Info("type_embed").DType);
        using var loaded = ModelFolder.Load(Path.Combine(_dir, ModelFolder.WeightsFile));
        var original = model.state_dict()["type_embed"];
        var reloaded = loaded.state_dict()["type_embed"];
        Assert.True(original.allclose(reloaded, rtol: 1e-3, atol: 1e-4));
    }

    [Fact]
    public void WrongConfigForACheckpointListsTheMismatches()
    {
        using var model = new TrackerModel(TrackerModelTests.Tiny);
        ModelFolder.Save(model, _dir);
        File.WriteAllText(Path.Combine(_dir, ModelFolder.ConfigFile), (TrackerModelTests.Tiny with { Dim = 32 }).ToJson());
        var error = Assert.Throws<VilWeightsException>(() => ModelFolder.Load(_dir));
        Assert.Contains("type_embed: file [2, 16] vs model [2, 32]", error.Message);
        Assert.Contains(ModelFolder.WeightsFile, error.Message);
    }

    [Fact]
    public void MissingWeightsSayWhatToPass()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ModelFolder.Load(_dir));
        Assert.Contains("model folder", error.Message);
    }
}
