using System.Diagnostics;
using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Bench;

/// <summary>
/// Time of one OSTrack-style search crop (sample_target + OpenCV-compatible bilinear resize to 256x256) from a
/// 1280x720 frame, for a downscaled, an upscaled and a large crop: the best of 20 batch means, so that batches which
/// lost their core to another process do not count.
/// </summary>
internal static class CropBenchmark
{
    public static int Run(string[] args)
    {
        int perBatch = args.Length > 0 ? int.Parse(args[0]) : 20;
        var rgb = new byte[1280 * 720 * 3];
        new Random(1).NextBytes(rgb);
        var frame = new Frame(1280, 720, rgb);
        var cases = new[] { ("537 px -> 256", new Box(200, 150, 150, 120)), ("105 px -> 256", new Box(666, 12, 29, 24)), ("1000 px -> 256", new Box(300, 200, 250, 250)) };
        foreach (var (name, box) in cases)
        {
            for (int i = 0; i < 100; i++) TargetCropper.Sample(frame, box, 4.0, 256); // past tiered JIT
            double best = double.MaxValue;
            for (int batch = 0; batch < 20; batch++)
            {
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < perBatch; i++) TargetCropper.Sample(frame, box, 4.0, 256);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds / perBatch);
            }
            Console.WriteLine($"{name,-15} {best,8:F3} ms per crop (best batch mean of {perBatch})");
        }
        return 0;
    }
}
