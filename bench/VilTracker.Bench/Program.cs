using VilTracker.Bench;
using VilTracker.Diagnostics;

// Benchmarks are chosen by name: dotnet run -c Release --project bench/VilTracker.Bench -- <name> [arguments]
var benchmarks = new Dictionary<string, (string Description, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["vil"] = ("ViL-S forward at 320 tokens per mLSTM form: median ms, GFLOP/s, ratio to the matmul peak", VilForwardBenchmark.Run),
    ["presets"] = ("every tracker preset in the parallel and chunkwise mLSTM forms: latency fp32/bf16, GMACs, GFLOP/s as a ratio to the matmul peak", PresetsBenchmark.Run),
    ["crop"] = ("256x256 search crop (sample_target + OpenCV-compatible resize) from a 1280x720 frame: ms per crop", CropBenchmark.Run),
    ["trackers"] = ("frames per second of each baseline tracker on the same decoded real frames", TrackersBenchmark.Run),
    ["training"] = ("training samples/s of each preset at batch 4 on synthetic data (full phase-1 steps)", TrainingBenchmark.Run),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine(args.Length == 0 ? "Name a benchmark to run." : $"Unknown benchmark '{args[0]}'.");
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/VilTracker.Bench -- <benchmark> [arguments]");
    foreach (var (name, entry) in benchmarks)
        Console.Error.WriteLine($"  {name,-10} {entry.Description}");
    return 2;
}
TorchRuntime.DisableNnpack();
return benchmark.Run(args[1..]);
