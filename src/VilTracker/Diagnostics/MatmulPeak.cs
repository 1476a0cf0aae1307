using System.Diagnostics;
using static TorchSharp.torch;

namespace VilTracker.Diagnostics;

/// <summary>
/// Measures the achievable dense matrix-multiply throughput of this machine, the yardstick against which model
/// forwards are reported (achieved GFLOP/s as a fraction of this peak, measured in the same process).
/// </summary>
public static class MatmulPeak
{
    /// <summary>
    /// Median GFLOP/s of <paramref name="size"/> x <paramref name="size"/> matrix products in <paramref name="type"/>
    /// (2·n³ floating-point operations each), after warm-up.
    /// </summary>
    public static double MeasureGflops(ScalarType type = ScalarType.Float32, int size = 1024, int repeats = 10)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var a = randn(size, size).to(type);
        var b = randn(size, size).to(type);
        for (int i = 0; i < 3; i++) a.matmul(b).Dispose();
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            seconds[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return 2.0 * size * size * (double)size / seconds[repeats / 2] / 1e9;
    }
}
