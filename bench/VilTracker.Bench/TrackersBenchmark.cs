using System.Diagnostics;
using System.Globalization;
using VilTracker.Baselines.NanoTrack;
using VilTracker.Baselines.OpenCv;
using VilTracker.Data;
using VilTracker.Imaging;
using VilTracker.Model;
using VilTracker.Tracking;

namespace VilTracker.Bench;

/// <summary>
/// Frames per second of every baseline tracker and of the online VilTracker (uav-small; with its preprocessing and
/// model time shown apart) on the same real frames, decoded once before timing.
/// Arguments: <c>[sequence folder] [frame count]</c>, default <c>../shared/data/sot-dev/boat1</c> and 100 frames.
/// </summary>
internal static class TrackersBenchmark
{
    /// <summary>Runs the benchmark and prints one row per tracker.</summary>
    public static int Run(string[] args)
    {
        string sequence = args.Length > 0 ? args[0] : Path.Combine(SharedFolder(), "data", "sot-dev", "boat1");
        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;

        using var source = new FolderFrameSource(Path.Combine(sequence, "img"));
        var frames = source.ReadFrames(BadFramePolicy.Stop).Take(count).Select(f => f.Frame!).ToList();
        var init = GroundTruthParser.ReadFile(Path.Combine(sequence, "groundtruth.txt"))[0];
        Console.WriteLine($"sequence {sequence}: {frames.Count} frames of {frames[0].Width}x{frames[0].Height}, init {init}");
        Console.WriteLine("(wall-clock FPS depends on other load; CPU ms/frame is the process's CPU time, summed over its threads)");
        Console.WriteLine($"{"tracker",-14} {"init ms",8} {"track FPS",10} {"ms/frame",9} {"CPU ms/frame",13}");

        var trackers = new (string Name, Func<(ITracker, ModelMeasurementSource?)> Create)[]
        {
            ("csrt", () => (OpenCvTracker.Csrt(), null)),
            ("kcf", () => (OpenCvTracker.Kcf(), null)),
            ("mil", () => (OpenCvTracker.Mil(), null)),
            ("nanotrack-v2", () => (new NanoTrackTracker(NanoTrackVersion.V2), null)),
            ("nanotrack-v3", () => (new NanoTrackTracker(NanoTrackVersion.V3), null)),
            ("vil uav-small", () => VilTracker(TrackerPresets.UavSmall)),
        };
        foreach (var (name, create) in trackers)
        {
            var (created, vilSource) = create();
            using var tracker = created;
            var clock = Stopwatch.StartNew();
            tracker.Initialize(frames[0], init);
            double initMs = clock.Elapsed.TotalMilliseconds;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            for (int i = 1; i < frames.Count; i++)
                tracker.Track(frames[i]);
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            int tracked = frames.Count - 1;
            Console.WriteLine($"{name,-14} {initMs,8:F1} {tracked / seconds,10:F1} {1000 * seconds / tracked,9:F2} {cpuMs / tracked,13:F2}");
            if (vilSource is { MeasurementCount: > 0 } measured)
                Console.WriteLine($"{"",-14} of which per frame: preprocessing (crop + normalise) {measured.PreprocessingTime.TotalMilliseconds / measured.MeasurementCount:F2} ms, " +
                                  $"model forward + decoding {measured.ModelTime.TotalMilliseconds / measured.MeasurementCount:F2} ms");
        }
        return 0;
    }

    /// <summary>The online VilTracker with a freshly initialised model of <paramref name="preset"/> (speed does not depend on the weights' values), and its measurement source, which times preprocessing and the model apart.</summary>
    private static (ITracker, ModelMeasurementSource?) VilTracker(TrackerModelConfig preset)
    {
        var options = new TrackerOptions();
        var source = new ModelMeasurementSource(new TrackerModel(preset), options, ownsModel: true);
        return (new OnlineVilTracker(source, options), source);
    }

    private static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VilTracker.slnx")))
                for (var up = dir; up.Parent is not null; up = up.Parent)
                    if (Directory.Exists(Path.Combine(up.Parent.FullName, "shared")))
                        return Path.Combine(up.Parent.FullName, "shared");
        throw new DirectoryNotFoundException($"No ../shared folder found above '{AppContext.BaseDirectory}'; pass the sequence folder as the first argument.");
    }
}
