using VilTracker.Diagnostics;
using VilTracker.Model;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Bench;

/// <summary>
/// Every tracker preset at template 128 / search 256, batch 1, in the parallel and the chunkwise mLSTM form: median
/// forward latency (float32 and bfloat16), executed GMACs, and achieved GFLOP/s as a ratio to the matrix-multiply
/// peak measured in the same process.
/// </summary>
internal static class PresetsBenchmark
{
    public static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0]) : 10;
        double peak = MatmulPeak.MeasureGflops(ScalarType.Float32);
        double peakBf16 = MatmulPeak.MeasureGflops(ScalarType.BFloat16);
        Console.WriteLine($"matmul peak (1024^3, median): fp32 {peak:F1} GFLOP/s, bf16 {peakBf16:F1} GFLOP/s; torch threads {get_num_threads()}");
        Console.WriteLine($"{"preset",-10} {"mLSTM",-10} {"params M",9} {"GMACs",7} {"fp32 ms",8} {"fps",6} {"GFLOP/s",8} {"of peak",8} {"bf16 ms",8} {"of bf16 peak",13}");
        foreach (var (name, config) in TrackerPresets.All)
            foreach (var form in new[] { MlstmBackend.Parallel, MlstmBackend.Chunkwise })
            {
                var r = ConstraintReporter.Measure(config, form, repeats: repeats);
                string bf16 = r.LatencyMsBf16 is { } ms ? $"{ms,8:F1} {2.0 * r.Macs / (ms * 1e6) / peakBf16,13:P0}" : $"{"n/a",8} {"",13}";
                Console.WriteLine($"{name,-10} {form.ToString().ToLowerInvariant(),-10} {r.Params / 1e6,9:F2} {r.Macs / 1e9,7:F2} {r.LatencyMs,8:F1} {r.Fps,6:F1} {r.GflopsAchieved,8:F1} {r.GflopsAchieved / peak,8:P0} {bf16}");
            }
        return 0;
    }
}
