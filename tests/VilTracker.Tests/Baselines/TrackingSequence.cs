using VilTracker.Data;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Tests.Baselines;

/// <summary>The first frames and ground truth of a sot-dev sequence, and the IoU of a tracker run over them.</summary>
internal sealed record TrackingSequence(string Name, IReadOnlyList<Frame> Frames, IReadOnlyList<Box> GroundTruth)
{
    /// <summary>Decodes the first <paramref name="count"/> frames of sot-dev/<paramref name="name"/>.</summary>
    public static TrackingSequence Load(string name, int count)
    {
        var folder = SharedData.PathOf("data", "sot-dev", name);
        using var source = new FolderFrameSource(Path.Combine(folder, "img"));
        var frames = source.ReadFrames(BadFramePolicy.Stop).Take(count).Select(f => f.Frame!).ToList();
        var truth = GroundTruthParser.ReadFile(Path.Combine(folder, "groundtruth.txt")).Take(count).ToList();
        return new TrackingSequence(name, frames, truth);
    }

    /// <summary>Initialises on frame 0 with the ground truth and returns the IoU with the ground truth on every later frame.</summary>
    public double[] Run(ITracker tracker)
    {
        tracker.Initialize(Frames[0], GroundTruth[0]);
        return Enumerable.Range(1, Frames.Count - 1).Select(i => Iou(tracker.Track(Frames[i]).Box, GroundTruth[i])).ToArray();
    }

    /// <summary>Intersection over union of two boxes.</summary>
    public static double Iou(Box a, Box b)
    {
        double iw = Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X));
        double ih = Math.Max(0, Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y));
        double inter = iw * ih;
        return inter / (a.Area + b.Area - inter);
    }
}
