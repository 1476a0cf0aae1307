using System.Diagnostics;
using VilTracker.Diagnostics;
using VilTracker.Model;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Bench;

/// <summary>
/// ViL-S forward at 320 tokens (input 3x256x320, patch 16: a 16x20 grid), batch 1, float32: median milliseconds over
/// repeated runs after warm-up, for each mLSTM form, with the achieved GFLOP/s (executed MACs x 2 / time) as a ratio
/// to the fp32 matrix-multiply peak measured in the same process.
/// </summary>
internal static class VilForwardBenchmark
{
    public static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0]) : 10;
        double peak = MatmulPeak.MeasureGflops(ScalarType.Float32);
        Console.WriteLine($"fp32 matmul peak (1024^3, median): {peak:F1} GFLOP/s, torch threads {get_num_threads()}");
        var config = new VisionLstmConfig
        {
            Dim = 384, Depth = 12, InputShape = [3, 256, 320], PatchSize = 16, Mode = VilMode.Features,
            Pooling = VilPooling.None, OutputShape = null,
        };
        using var model = new VisionLstm(config);
        model.eval();
        using var noGrad = no_grad();
        using var input = randn(1, 3, 256, 320);
        Console.WriteLine($"ViL-S: dim 384, 24 blocks, {config.TokenGrid.Count} tokens, batch 1, float32, {repeats} timed runs after 3 warm-up runs");
        Console.WriteLine($"{"mLSTM form",-12} {"median ms",10} {"GMACs",8} {"GFLOP/s",9} {"of peak",8}");
        foreach (var backend in new[] { MlstmBackend.Parallel, MlstmBackend.Chunkwise, MlstmBackend.Recurrent })
        {
            model.SetMlstmBackend(backend, chunkSize: 64);
            long macs;
            using (var counter = new MacCounter(model))
            {
                using var scope = NewDisposeScope();
                model.call(input);
                macs = counter.Macs;
            }
            double ms = MedianMs(() => model.call(input).Dispose(), backend == MlstmBackend.Recurrent ? Math.Min(3, repeats) : repeats);
            double gflops = 2.0 * macs / (ms * 1e6);
            Console.WriteLine($"{backend,-12} {ms,10:F1} {macs / 1e9,8:F2} {gflops,9:F1} {gflops / peak,8:P0}");
        }
        return 0;
    }

    internal static double MedianMs(Action forward, int repeats)
    {
        for (int i = 0; i < 3; i++) forward();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            forward();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
