using VilTracker.Data;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Tests.Tracking;

/// <summary>Pseudo ground truth from a teacher tracker, written as a generic-layout sequence.</summary>
public sealed class TeacherLabellingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-label-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A teacher that reports the moving square's true box with a scripted confidence per frame.</summary>
    private sealed class ScriptedTeacher(Func<int, double> confidence) : ITracker
    {
        private int frame;
        public string Name => "scripted";
        public void Initialize(Frame frame, Box box) => this.frame = 0;
        public TrackResult Track(Frame frame)
        {
            this.frame++;
            return new TrackResult(MovingSquareSequence.BoxAt(this.frame), confidence(this.frame));
        }
        public void Dispose() { }
    }

    /// <summary>The moving-square frames as a source.</summary>
    private sealed class SquareSource(int count) : IFrameSource
    {
        public string Description => "moving square";
        public int? FrameCount => count;
        public IEnumerable<SourceFrame> Read() =>
            Enumerable.Range(0, count).Select(i => new SourceFrame(i, null, MovingSquareSequence.FrameAt(i), null));
        public void Dispose() { }
    }

    [Fact]
    public void WritesTheConfidentPrefixAndReadsBackAsAGenericSequence()
    {
        // Confident except frames 5-6 (a short dip, kept) and from frame 12 on (three in a row end the sequence).
        var teacher = new ScriptedTeacher(f => f is 5 or 6 || f >= 12 ? 0.2 : 0.9);
        using var source = new SquareSource(40);

        var written = TeacherLabelling.Write(source, teacher, MovingSquareSequence.BoxAt(0), folder, "square", new TeacherLabelling.Settings(MinConfidence: 0.5, Patience: 3));

        Assert.Equal(12, written.FramePaths.Count); // frames 0..11
        var dataset = DatasetFormats.Open(folder, "generic");
        var read = dataset.Load("square");
        Assert.Equal(12, read.GroundTruth.Count);
        for (int f = 0; f < 12; f++)
            Assert.True(Math.Abs(read.GroundTruth[f].X - MovingSquareSequence.BoxAt(f).X) < 0.01, $"frame {f}: {read.GroundTruth[f]}");
        Assert.Equal(MovingSquareSequence.Width, ImageFile.Load(read.FramePaths[11]).Width);
    }

    [Fact]
    public void StopsAtMaxFramesAndRefusesAnExistingSequenceOrABadBox()
    {
        using var source = new SquareSource(40);
        var written = TeacherLabelling.Write(source, new ScriptedTeacher(_ => 1), MovingSquareSequence.BoxAt(0), folder, "short", new TeacherLabelling.Settings(MaxFrames: 7));
        Assert.Equal(7, written.FramePaths.Count);
        Assert.Throws<IOException>(() => TeacherLabelling.Write(source, new ScriptedTeacher(_ => 1), MovingSquareSequence.BoxAt(0), folder, "short", new TeacherLabelling.Settings()));
        var outside = new Box(1000, 1000, 10, 10);
        var error = Assert.Throws<ArgumentException>(() => TeacherLabelling.Write(source, new ScriptedTeacher(_ => 1), outside, folder, "other", new TeacherLabelling.Settings()));
        Assert.Contains("outside the first frame", error.Message);
    }

    [Fact]
    public void NanoTrackAsTeacherLabelsARealSequenceCloseToItsGroundTruth()
    {
        var truth = DatasetFormats.Open(SharedData.PathOf("data", "sot-dev"), "generic").Load("boat1");
        using var teacher = new VilTracker.Baselines.NanoTrack.NanoTrackTracker(VilTracker.Baselines.NanoTrack.NanoTrackVersion.V3, SharedData.PathOf("models", "nanotrack"));
        using var source = new FolderFrameSource(Path.GetDirectoryName(truth.FramePaths[0])!);

        var written = TeacherLabelling.Write(source, teacher, truth.GroundTruth[0], folder, "boat1", new TeacherLabelling.Settings(MaxFrames: 60));

        Assert.Equal(60, written.FramePaths.Count);
        double meanIou = written.GroundTruth.Zip(truth.GroundTruth).Average(p => Iou(p.First, p.Second));
        Assert.True(meanIou > 0.6, $"teacher labels have mean IoU {meanIou:F2} with the ground truth");
    }

    private static double Iou(Box a, Box b)
    {
        double w = Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X)), h = Math.Max(0, Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y));
        return w * h / (a.W * a.H + b.W * b.H - w * h);
    }
}
