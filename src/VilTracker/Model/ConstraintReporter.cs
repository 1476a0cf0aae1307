using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;
using VilTracker.IO;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>Measures a model configuration against the deployment limits (see <see cref="ConstraintReport"/>).</summary>
public static class ConstraintReporter
{
    /// <summary>
    /// Builds the model of <paramref name="config"/> (random weights: size, operations and latency do not depend on the
    /// values), counts its parameters and MACs, writes its fp16 weights to a temporary file to measure their size, and
    /// times batch-1 forwards: the median of <paramref name="repeats"/> runs after <paramref name="warmup"/> runs, in
    /// float32 and in bfloat16, with the mLSTM cell in <paramref name="mlstmForm"/> (the MAC count follows the form).
    /// </summary>
    public static ConstraintReport Measure(TrackerModelConfig config, MlstmBackend mlstmForm, int chunkSize = 64, int warmup = 3, int repeats = 10)
    {
        using var model = new TrackerModel(config);
        model.SetMlstmBackend(mlstmForm, chunkSize);
        model.eval();
        var breakdown = ParameterBreakdown.Count(model);
        long fp16Bytes = MeasureFp16Bytes(model);
        var (macs, macsByKind) = CountMacs(model);
        double latency = MedianLatencyMs(model, ScalarType.Float32, warmup, repeats);
        double? latencyBf16 = null;
        string? bf16Note = null;
        try
        {
            model.to(ScalarType.BFloat16);
            latencyBf16 = MedianLatencyMs(model, ScalarType.BFloat16, warmup, repeats);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            bf16Note = $"bfloat16 forward failed: {e.Message.Split('\n')[0]}";
        }
        return new ConstraintReport
        {
            Preset = config.Preset,
            Input = $"template {config.TemplateSize}, search {config.SearchSize}, mLSTM {MlstmFormName(mlstmForm, chunkSize)}",
            ParamsByComponent = breakdown,
            Params = breakdown.Values.Sum(),
            Fp16Bytes = fp16Bytes,
            Macs = macs,
            MacsByKind = macsByKind,
            MacsLeftOut = MacCounter.LeftOut,
            LatencyMs = latency,
            LatencyMsBf16 = latencyBf16,
            Bf16Note = bf16Note,
        };
    }

    /// <summary>Executed MACs of one batch-1 forward, in total and per operation kind.</summary>
    public static (long Total, IReadOnlyDictionary<string, long> ByKind) CountMacs(TrackerModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var counter = new MacCounter(model);
        var (template, search, memory) = RandomInputs(model, ScalarType.Float32);
        model.call(template, search, memory);
        return (counter.Macs, counter.ByKind);
    }

    private static long MeasureFp16Bytes(TrackerModel model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"viltrack-size-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var scope = NewDisposeScope();
            SafeTensorsWriter.Write(path, model.state_dict().Select(kv =>
                KeyValuePair.Create(kv.Key, kv.Value.is_floating_point() ? kv.Value.to(ScalarType.Float16) : kv.Value)));
            return new FileInfo(path).Length;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double MedianLatencyMs(TrackerModel model, ScalarType type, int warmup, int repeats)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (template, search, memory) = RandomInputs(model, type);
        var times = new double[repeats];
        for (int i = 0; i < warmup + repeats; i++)
        {
            using var step = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            model.call(template, search, memory);
            if (i >= warmup) times[i - warmup] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    private static (Tensor Template, Tensor Search, Tensor Memory) RandomInputs(TrackerModel model, ScalarType type)
    {
        var c = model.Config;
        return (randn(1, 3, c.TemplateSize, c.TemplateSize).to(type),
                randn(1, 3, c.SearchSize, c.SearchSize).to(type),
                randn(1, 1, c.Dim).to(type));
    }

    private static string MlstmFormName(MlstmBackend form, int chunkSize) =>
        form == MlstmBackend.Chunkwise ? $"chunkwise (chunk {chunkSize})" : form.ToString().ToLowerInvariant();
}
