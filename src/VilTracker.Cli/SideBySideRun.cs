using System.Diagnostics;
using VilTracker.Baselines.Rendering;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Cli;

/// <summary>
/// Runs several trackers over the same frames, each frame decoded once and handed to every tracker in turn, and keeps
/// per tracker the box of every frame and the seconds each call took (the toolkits' raw-result content). Optionally
/// renders one video with every tracker's box (and the ground truth, when known) drawn on each frame.
/// </summary>
internal static class SideBySideRun
{
    /// <summary>Box colours, in tracker order (RGB): green, orange, magenta, cyan, yellow.</summary>
    private static readonly (byte R, byte G, byte B)[] Colours = [(40, 220, 40), (255, 140, 0), (230, 40, 230), (0, 200, 255), (240, 240, 0)];

    /// <summary>What one tracker produced: one box per frame (the first is the initial box) and the seconds of each call (the first is the initialisation).</summary>
    /// <param name="Name">Tracker name, as given to <see cref="Execute"/>.</param>
    /// <param name="Boxes">Box of every frame in pixels.</param>
    /// <param name="Seconds">Seconds of <see cref="ITracker.Initialize"/> (first) and of every <see cref="ITracker.Track"/> call.</param>
    /// <param name="Confidences">Confidence of every tracked frame (not the first).</param>
    public sealed record TrackerTrack(string Name, IReadOnlyList<Box> Boxes, IReadOnlyList<double> Seconds, IReadOnlyList<double> Confidences)
    {
        /// <summary>Tracked frames per second of tracker time alone (initialisation and decoding excluded), as pytracking reports it.</summary>
        public double FramesPerSecond => Seconds.Count > 1 ? (Seconds.Count - 1) / Seconds.Skip(1).Sum() : double.NaN;
    }

    /// <summary>
    /// Initialises every tracker on the first frame with <paramref name="init"/> and tracks every later frame.
    /// </summary>
    /// <param name="source">Frames; a frame that cannot be decoded stops the run with a <see cref="BadFrameException"/> naming it.</param>
    /// <param name="trackers">Trackers with distinct names; they stay owned by the caller.</param>
    /// <param name="init">Initial box on the first frame, in pixels.</param>
    /// <param name="groundTruth">Ground-truth box of each frame, drawn in white when given (NaN boxes are not drawn).</param>
    /// <param name="renderPath">Video to write (<c>.mp4</c> or <c>.avi</c>), or null for none.</param>
    /// <param name="framesPerSecond">Playback rate of the rendered video.</param>
    /// <param name="onFrame">Called after every frame (progress).</param>
    /// <exception cref="BadFrameException">A frame cannot be decoded.</exception>
    /// <exception cref="ArgumentException">The initial box's centre lies outside the first frame.</exception>
    /// <exception cref="InvalidDataException">The source has no frame.</exception>
    public static IReadOnlyList<TrackerTrack> Execute(
        IFrameSource source, IReadOnlyList<ITracker> trackers, Box init, IReadOnlyList<Box>? groundTruth,
        string? renderPath, double framesPerSecond, Action onFrame)
    {
        var boxes = trackers.Select(_ => new List<Box>()).ToArray();
        var seconds = trackers.Select(_ => new List<double>()).ToArray();
        var confidences = trackers.Select(_ => new List<double>()).ToArray();
        VideoRenderer? renderer = null;
        try
        {
            int index = 0;
            foreach (var item in source.Read())
            {
                var frame = item.Frame ?? throw new BadFrameException(item, source.Description);
                if (index == 0)
                {
                    InitBox.CheckInside(init, frame.Width, frame.Height);
                    if (renderPath is not null)
                        renderer = new VideoRenderer(renderPath, frame.Width, frame.Height, framesPerSecond);
                }
                for (int t = 0; t < trackers.Count; t++)
                {
                    var clock = Stopwatch.StartNew();
                    if (index == 0)
                    {
                        trackers[t].Initialize(frame, init);
                        seconds[t].Add(clock.Elapsed.TotalSeconds);
                        boxes[t].Add(init);
                        continue;
                    }
                    var result = trackers[t].Track(frame);
                    seconds[t].Add(clock.Elapsed.TotalSeconds);
                    boxes[t].Add(result.Box);
                    confidences[t].Add(result.Confidence);
                }
                renderer?.Write(frame, Overlays(trackers, boxes, confidences, groundTruth, index));
                index++;
                onFrame();
            }
            if (index == 0)
                throw new InvalidDataException($"{source.Description} has no frame to track.");
            renderer?.Finish();
        }
        finally
        {
            renderer?.Dispose();
        }
        return trackers.Select((t, i) => new TrackerTrack(t.Name, boxes[i], seconds[i], confidences[i])).ToArray();
    }

    private static List<BoxOverlay> Overlays(
        IReadOnlyList<ITracker> trackers, List<Box>[] boxes, List<double>[] confidences, IReadOnlyList<Box>? groundTruth, int index)
    {
        var overlays = new List<BoxOverlay>();
        if (groundTruth is not null && index < groundTruth.Count && groundTruth[index].HasPositiveSize)
            overlays.Add(new BoxOverlay(groundTruth[index], "ground truth", 255, 255, 255));
        for (int t = 0; t < trackers.Count; t++)
        {
            var (r, g, b) = Colours[t % Colours.Length];
            string label = index == 0 ? $"{trackers[t].Name} init" : $"{trackers[t].Name} {confidences[t][index - 1]:F2}";
            overlays.Add(new BoxOverlay(boxes[t][index], label, r, g, b));
        }
        return overlays;
    }
}
