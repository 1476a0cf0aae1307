using System.Diagnostics;
using VilTracker.Model;
using VilTracker.Training;
using VilTracker.Training.Sampling;
using static TorchSharp.torch;

namespace VilTracker.Bench;

/// <summary>
/// Training throughput of every preset (or the presets named in the arguments) at batch 4 on synthetic data:
/// samples per second of full phase-1 steps (data loading with prefetch, forward, losses, backward, AdamW), after
/// warm-up steps, and for comparison the samples per second the data loader alone delivers on one thread.
/// Arguments: <c>[steps] [preset ...]</c> (default 3 timed steps, all presets).
/// </summary>
internal static class TrainingBenchmark
{
    private const int BatchSize = 4;
    private const int WarmupSteps = 1;

    public static int Run(string[] args)
    {
        int steps = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 3;
        var presets = args.Length > 1 ? args[1..] : TrackerPresets.All.Keys.ToArray();
        Console.WriteLine($"training, batch {BatchSize}, synthetic x8, {steps} timed steps after {WarmupSteps} warm-up; torch threads {get_num_threads()}");
        Console.WriteLine($"{"preset",-10} {"samples/s",10} {"s/step",8} {"loader samples/s (1 thread)",28}");
        foreach (var name in presets)
        {
            var config = TrackerPresets.Get(name);
            var sources = new[] { new TrainingSource("synthetic x8", SyntheticTrainingSequence.Many(8, 1)) };
            var sampler = new PairSampler(sources, CropSettings.For(config), new PhotometricAugmentation(), 1);
            var settings = new PairSamplingSettings(50, 2, 0.15);
            sampler.Sample(0, 0, settings);
            var loader = Stopwatch.StartNew();
            for (int i = 0; i < 8; i++) sampler.Sample(1, i, settings);
            double loaderRate = 8 / loader.Elapsed.TotalSeconds;

            string run = Path.Combine(Path.GetTempPath(), "viltrack-bench-train-" + Guid.NewGuid().ToString("N"));
            try
            {
                manual_seed(1);
                using var model = new TrackerModel(config);
                var options = new TrainingOptions
                {
                    Seed = 1, BatchSize = BatchSize, TotalSteps = WarmupSteps + steps + 1, WarmupSteps = 1, CheckpointEvery = 0,
                    StepsPerEpoch = 1000, FilmStartEpoch = 0,
                };
                using var trainer = Trainer.Start(options, model, sampler, run);
                trainer.Run(stopAfter: WarmupSteps);
                var watch = Stopwatch.StartNew();
                trainer.Run(stopAfter: WarmupSteps + steps);
                double seconds = watch.Elapsed.TotalSeconds;
                Console.WriteLine($"{name,-10} {BatchSize * steps / seconds,10:F2} {seconds / steps,8:F2} {loaderRate,28:F1}");
            }
            finally
            {
                if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
            }
        }
        return 0;
    }
}
