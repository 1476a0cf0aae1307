using System.Text.Json;
using TorchSharp;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>
/// Parity with <c>golden_vil2.json</c>: official outputs for closed-form weights (spec A14) — the tiny model's full
/// tensors of every stage, and statistics of every stage of ViL-S at 224x224.
/// </summary>
public class GoldenVil2Tests
{
    private static readonly Lazy<JsonDocument> Golden = new(() => JsonDocument.Parse(File.ReadAllText(VilFixtures.PathOf("golden_vil2.json"))));

    private static JsonElement Case(string name) => Golden.Value.RootElement.GetProperty("cases").GetProperty(name);

    /// <summary>Weights of A14: tensor p (state_dict order), element k = 0.02 sin(0.013 (k+1) + 0.7 (p+1)); fgate biases linspace(3, 6, n).</summary>
    private static Dictionary<string, Tensor> ClosedFormWeights(JsonElement keys)
    {
        var weights = new Dictionary<string, Tensor>();
        var p = 0;
        foreach (var entry in keys.EnumerateArray())
        {
            var name = entry[0].GetString()!;
            var shape = entry[1].EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var n = shape.Aggregate(1L, (a, b) => a * b);
            var values = name.EndsWith(".fgate.bias", StringComparison.Ordinal)
                ? linspace(3.0, 6.0, n, ScalarType.Float64)
                : ((arange(1, n + 1, ScalarType.Float64) * 0.013 + 0.7 * (p + 1)).sin() * 0.02);
            weights[name] = values.reshape(shape);
            p++;
        }

        return weights;
    }

    private static (VisionLstm Model, Tensor Input) Build(JsonElement @case, ScalarType dtype)
    {
        var config = VisionLstmConfig.FromJson(@case.GetProperty("config").GetRawText(), "golden config");
        var model = new VisionLstm(config, initialize: false);
        var keys = @case.GetProperty("state_dict_keys");
        Assert.Equal(keys.EnumerateArray().Select(e => e[0].GetString()), model.state_dict().Keys);
        model.to(dtype);
        model.eval();
        VilWeightLoader.Load(model, ClosedFormWeights(keys), "golden closed-form weights");
        long[] shape = [1, config.InputShape[0], config.InputShape[1], config.InputShape[2]];
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var input = (arange(1, n + 1, ScalarType.Float64) * 0.01).sin().reshape(shape).to(dtype);
        return (model, input);
    }

    /// <summary>Every stage in the JSON's naming: tokens_after_embed, after_block{i}_top_left/bot_right, after_final_norm, logits.</summary>
    private static IEnumerable<(string Name, Tensor Value)> Stages(VisionLstm model, Tensor input)
    {
        var tokens = model.Embed(input);
        yield return ("tokens_after_embed", tokens);
        var i = 0;
        foreach (var pair in model.BlockPairs)
        {
            tokens = pair.TopLeft.forward(tokens);
            yield return ($"after_block{i}_top_left", tokens);
            tokens = pair.BotRight.forward(tokens);
            yield return ($"after_block{i}_bot_right", tokens);
            i++;
        }

        var normed = model.FinalNorm.forward(tokens);
        yield return ("after_final_norm", normed);
        yield return ("logits", model.PoolAndClassify(normed));
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-9)]
    [InlineData(ScalarType.Float32, 2e-5)]
    public void TinyModelEveryStageMatchesFullTensors(ScalarType dtype, double atol)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var @case = Case("tiny_dim32_depth2_p8_32px");
        var (model, input) = Build(@case, dtype);
        using var _ = model;
        var expected = @case.GetProperty(dtype == ScalarType.Float64 ? "float64" : "float32");
        var checkedStages = 0;
        foreach (var (name, value) in Stages(model, input))
        {
            var reference = expected.GetProperty(name);
            var shape = reference.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var values = reference.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            VilFixtures.AssertClose(tensor(values).reshape(shape), value, atol, name);
            checkedStages++;
        }

        Assert.Equal(expected.EnumerateObject().Count(), checkedStages);
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void VilSmall224StatisticsOfEveryStageMatch(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var @case = Case("vil_s_224");
        var (model, input) = Build(@case, dtype);
        using var _ = model;
        var expected = @case.GetProperty(dtype == ScalarType.Float64 ? "float64" : "float32");
        var checkedStages = 0;
        foreach (var (name, value) in Stages(model, input))
        {
            var reference = expected.GetProperty(name);
            var flat = value.to(ScalarType.Float64).flatten();
            var absSum = reference.GetProperty("abs_sum").GetDouble();
            // Sums: relative to the abs-sum (float64 1e-10, float32 1e-5); single values: absolute (1e-9 / 2e-5).
            var sumTol = (dtype == ScalarType.Float64 ? 1e-10 : 1e-5) * absSum;
            var valueTol = dtype == ScalarType.Float64 ? 1e-9 : 2e-5;
            Assert.True(Math.Abs(flat.sum().item<double>() - reference.GetProperty("sum").GetDouble()) <= sumTol, $"{name}: sum");
            Assert.True(Math.Abs(flat.abs().sum().item<double>() - absSum) <= sumTol, $"{name}: abs_sum");
            var n = flat.shape[0];
            VilFixtures.AssertClose(tensor(reference.GetProperty("first8").EnumerateArray().Select(e => e.GetDouble()).ToArray()),
                flat.narrow(0, 0, 8), valueTol, $"{name}: first8");
            VilFixtures.AssertClose(tensor(reference.GetProperty("last8").EnumerateArray().Select(e => e.GetDouble()).ToArray()),
                flat.narrow(0, n - 8, 8), valueTol, $"{name}: last8");
            checkedStages++;
        }

        Assert.Equal(27, checkedStages);
    }
}
