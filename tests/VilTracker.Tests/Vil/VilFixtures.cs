using TorchSharp;
using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>Access to the official ViL reference fixtures (<c>../shared/fixtures/vil</c>) and tensor comparisons.</summary>
internal static class VilFixtures
{
    /// <summary>The fixture folder <c>fixtures/vil</c> of the shared reference folder.</summary>
    public static string Folder { get; } = SharedData.PathOf("fixtures", "vil");

    /// <summary>Path of a fixture file.</summary>
    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Opens <c>vil_small_A.safetensors</c> (float32) or its float64 twin.</summary>
    public static SafeTensorsFile OpenSmallA(ScalarType dtype) =>
        SafeTensorsFile.Open(PathOf(dtype == ScalarType.Float64 ? "vil_small_A_f64.safetensors" : "vil_small_A.safetensors"));

    /// <summary>The weights (every tensor not named input.* or output.*) of an opened fixture file.</summary>
    public static Dictionary<string, Tensor> Weights(SafeTensorsFile file, Func<string, bool>? keep = null) =>
        file.Names.Where(n => !n.StartsWith("input.", StringComparison.Ordinal) && !n.StartsWith("output.", StringComparison.Ordinal))
            .Where(n => keep is null || keep(n))
            .ToDictionary(n => n, file.Load);

    /// <summary>Builds the model of the fixture's metadata config <paramref name="configKey"/> in <paramref name="dtype"/>,
    /// in eval mode, and loads the fixture's weights (filtered by <paramref name="keep"/>).</summary>
    public static VisionLstm BuildSmallA(SafeTensorsFile file, string configKey, ScalarType dtype, Func<string, bool>? keep = null)
    {
        var model = new VisionLstm(VisionLstmConfig.FromJson(file.Metadata[configKey], configKey));
        model.to(dtype);
        model.eval();
        VilWeightLoader.Load(model, Weights(file, keep), file.Path);
        return model;
    }

    /// <summary>Asserts equal shapes and <c>max |actual - expected| &lt;= atol</c>, naming the tensor.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double atol, string name)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{name}: shape [{string.Join(", ", actual.shape)}] != expected [{string.Join(", ", expected.shape)}]");
        var diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= atol, $"{name}: max |diff| = {diff:E3} > {atol:E1}");
    }

    /// <summary>Asserts <c>max |actual - expected| / max |expected| &lt;= rtol</c>, naming the tensor.</summary>
    public static void AssertRelativeClose(Tensor expected, Tensor actual, double rtol, string name)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{name}: shape mismatch");
        var scale = expected.to(ScalarType.Float64).abs().max().item<double>();
        var rel = MaxAbsDiff(expected, actual) / scale;
        Assert.True(rel <= rtol, $"{name}: max relative diff = {rel:E3} > {rtol:E1}");
    }

    /// <summary>Maximum absolute element difference, computed in float64.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();
    }
}
