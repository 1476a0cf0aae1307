using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Spectre.Console;
using VilTracker.Vil;
using VilTracker.Baselines.OpenCv;
using VilTracker.Baselines.Rendering;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.IO;
using VilTracker.Tracking;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack track</c>: runs one tracker over a video, image folder, camera or stream from an initial box, writes one
/// <c>x,y,w,h</c> line per frame and optionally a video with the box drawn on every frame.
/// </summary>
public static class TrackCommand
{
    /// <summary>Playback rate of rendered videos when the input does not report one (image folders).</summary>
    private const double DefaultRenderFps = 30;

    /// <summary>Builds the verb with its options.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Video file, folder of images (natural order), camera index (0, 1, ...) or stream URL (rtsp://, http://).", Required = true };
        var init = new Option<string>("--init") { Description = "Initial box on the first frame: x,y,w,h in pixels (top-left corner and size).", Required = true };
        var tracker = new Option<string>("--tracker") { Description = $"Tracker to run: {string.Join(", ", TrackerCatalog.Names)} (vil runs the bundled default model unless --weights or vil:WEIGHTS names another).", Required = true };
        var weights = new Option<string?>("--weights") { Description = "Model folder or model.safetensors of the vil tracker (written by viltrack train); default: the bundled model." };
        var output = new Option<string?>("--out") { Description = "Write the boxes here: one x,y,w,h line per frame (the first is the initial box; NaN,NaN,NaN,NaN for a skipped frame)." };
        var render = new Option<string?>("--render") { Description = "Write a video with the box and confidence drawn on each frame (.mp4 MPEG-4 or .avi Motion-JPEG)." };
        var onBadFrame = new Option<string>("--on-bad-frame") { Description = "What to do with a frame that cannot be decoded: stop with an error naming it, or skip it.", DefaultValueFactory = _ => "stop" };
        onBadFrame.AcceptOnlyFromAmong("stop", "skip");
        var models = new Option<string?>("--nanotrack-models") { Description = "Folder with the NanoTrack ONNX models (nanotrackv2/, nanotrackv3/, config/); default ../shared/models/nanotrack beside the repository root." };

        var command = new Command("track", "Track one object through a video, image folder, camera or stream with a chosen tracker.");
        foreach (var option in new Option[] { input, init, tracker, weights, output, render, onBadFrame, models })
            command.Options.Add(option);
        command.SetAction(parse => Run(
            parse.GetValue(input)!,
            parse.GetValue(init)!,
            parse.GetValue(weights) is { } w ? $"{parse.GetValue(tracker)}:{w}" : parse.GetValue(tracker)!,
            parse.GetValue(output),
            parse.GetValue(render),
            parse.GetValue(onBadFrame) == "skip" ? BadFramePolicy.Skip : BadFramePolicy.Stop,
            parse.GetValue(models)));
        return command;
    }

    /// <summary>Runs the tracker; returns the process exit code (0 success, 1 bad input or unreadable data).</summary>
    public static int Run(string input, string initText, string trackerSpec, string? outPath, string? renderPath, BadFramePolicy policy, string? nanoTrackModels)
    {
        try
        {
            var init = InitBox.Parse(initText);
            using var tracker = TrackerCatalog.Create(trackerSpec, nanoTrackModels);
            using var source = FrameSources.Open(input);
            var run = new TrackRun(tracker, source, init, policy, renderPath);
            try
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask($"{tracker.Name} on {Markup.Escape(source.Description)}", maxValue: source.FrameCount ?? 1);
                        task.IsIndeterminate = source.FrameCount is null;
                        run.Execute(() => task.Increment(1));
                        task.MaxValue = task.Value;
                    });
                if (outPath is not null)
                    AtomicFile.WriteAllText(outPath, string.Concat(run.Boxes.Select(b => b.ToString() + "\n")));
                run.Renderer?.Finish();
            }
            finally
            {
                run.Renderer?.Dispose();
            }
            foreach (var skipped in run.Skipped)
                AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {skipped.Where}: {skipped.Error?.Message}");
            PrintSummary(run, outPath, renderPath);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or BadFrameException or VilWeightsException
                                      or UnauthorizedAccessException or OpenCVException or OnnxRuntimeException)
        {
            Console.Error.WriteLine($"viltrack track: {e.Message}");
            return 1;
        }
    }

    private static void PrintSummary(TrackRun run, string? outPath, string? renderPath)
    {
        int tracked = run.Confidences.Count;
        string trackerFps = run.TrackerSeconds > 0 ? $"{tracked / run.TrackerSeconds:F1}" : "n/a";
        string meanConfidence = tracked > 0 ? $"{run.Confidences.Average():F3}" : "n/a";
        AnsiConsole.MarkupLineInterpolated(
            $"[green]{run.Boxes.Count}[/] frames ({run.Skipped.Count} skipped) in {run.TotalSeconds:F1} s: [green]{run.Boxes.Count / run.TotalSeconds:F1}[/] frames/s overall, tracker alone {trackerFps} frames/s; mean confidence [green]{meanConfidence}[/]");
        if (outPath is not null)
            AnsiConsole.MarkupLineInterpolated($"boxes: {outPath}");
        if (renderPath is not null)
            AnsiConsole.MarkupLineInterpolated($"video: {renderPath} ({run.Renderer?.FramesWritten} frames)");
    }

    /// <summary>The state of one tracking run: boxes, confidences, timings, skipped frames and the optional renderer.</summary>
    private sealed class TrackRun(ITracker tracker, IFrameSource source, Box init, BadFramePolicy policy, string? renderPath)
    {
        public List<Box> Boxes { get; } = [];
        public List<double> Confidences { get; } = [];
        public List<SourceFrame> Skipped { get; } = [];
        public VideoRenderer? Renderer { get; private set; }
        public double TrackerSeconds { get; private set; }
        public double TotalSeconds { get; private set; }

        /// <summary>Reads every frame, initialises on the first good one and tracks the rest.</summary>
        public void Execute(Action onFrame)
        {
            var total = Stopwatch.StartNew();
            var trackerClock = new Stopwatch();
            bool initialized = false;
            foreach (var item in source.Read())
            {
                onFrame();
                if (!item.IsGood)
                {
                    if (policy == BadFramePolicy.Stop)
                        throw new BadFrameException(item, source.Description);
                    Skipped.Add(item);
                    Boxes.Add(Box.NaN);
                    continue;
                }
                var frame = item.Frame!;
                if (!initialized)
                {
                    InitBox.CheckInside(init, frame.Width, frame.Height);
                    tracker.Initialize(frame, init);
                    initialized = true;
                    Boxes.Add(init);
                    if (renderPath is not null)
                        Renderer = new VideoRenderer(renderPath, frame.Width, frame.Height, (source as VideoFrameSource)?.FramesPerSecond ?? DefaultRenderFps);
                    Renderer?.Write(frame, [new BoxOverlay(init, $"{tracker.Name} init", 0, 200, 255)]);
                    continue;
                }
                trackerClock.Start();
                var result = tracker.Track(frame);
                trackerClock.Stop();
                Boxes.Add(result.Box);
                Confidences.Add(result.Confidence);
                Renderer?.Write(frame, [result.IsLost
                    ? new BoxOverlay(result.Box, $"{tracker.Name} lost", 255, 40, 40)
                    : new BoxOverlay(result.Box, $"{tracker.Name} {result.Confidence:F2}", 40, 220, 40)]);
            }
            if (!initialized)
                throw new InvalidDataException($"{source.Description} has no decodable frame to start tracking on.");
            TrackerSeconds = trackerClock.Elapsed.TotalSeconds;
            TotalSeconds = total.Elapsed.TotalSeconds;
        }
    }
}
