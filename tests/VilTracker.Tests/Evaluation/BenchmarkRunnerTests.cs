using SkiaSharp;
using VilTracker.Data;
using VilTracker.Evaluation;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Tests.Evaluation;

/// <summary>
/// <see cref="BenchmarkRunner"/> on generated sequences with a fake tracker that reads the frame number from the
/// pixels and answers the ground truth shifted 5 px to the right, so every metric can be computed by hand.
/// </summary>
public sealed class BenchmarkRunnerTests : IDisposable
{
    private const double Shift = 5;
    private readonly string _dir = Directory.CreateTempSubdirectory("viltracker-runner-").FullName;
    private readonly string _out;
    private readonly List<Sequence> _sequences;
    private int _instances;
    private int _disposed;
    private int _trackCalls;

    public BenchmarkRunnerTests()
    {
        _out = Path.Combine(_dir, "out");
        // 10 x 10 targets moving 2 px per frame; seqA has 5 frames, seqB 4.
        WriteSequence("seqA", 5);
        WriteSequence("seqB", 4);
        var dataset = DatasetFormats.Open(Path.Combine(_dir, "data"));
        Assert.Equal(DatasetFormats.Generic, dataset.Name);
        _sequences = dataset.SequenceNames.Select(dataset.Load).ToList();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WritesToolkitFilesWhoseMetricsMatchTheHandComputation()
    {
        var jobs = BenchmarkRunner.Run([Factory()], _sequences, _out);

        Assert.All(jobs, j => Assert.False(j.Skipped));
        var seqA = _sequences[0];
        string[] lines = File.ReadAllLines(Path.Combine(_out, "shift", "seqA.txt"));
        Assert.Equal(5, lines.Length);
        Assert.Equal(seqA.GroundTruth[0].ToString(), lines[0]);                                  // line 1: the init box
        for (int i = 1; i < 5; i++)
            Assert.Equal((seqA.GroundTruth[i] with { X = seqA.GroundTruth[i].X + Shift }).ToString(), lines[i]);
        var times = RawResultFile.ReadTimes(Path.Combine(_out, "shift", "seqA_time.txt"));
        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.True(t >= 0));
        Assert.Equal(2, _instances);      // one fresh tracker per sequence
    }

    [Fact]
    public void AnalysedResultsEqualTheHandComputedPytrackingScores()
    {
        BenchmarkRunner.Run([Factory()], _sequences, _out);
        var report = ResultsAnalysis.Analyze(_out, _sequences);
        var t = Assert.Single(report.Trackers);

        // Frame 1 is the init box (IoU 1: above 20 of the 21 thresholds 0, .05, ..., 1); later frames overlap
        // 5 x 10 / (10 x 10 + 10 x 10 - 50) = 1/3, above the 7 thresholds 0 .. 0.30. Curves average over sequences.
        double aucA = (20 + 4 * 7) / (21.0 * 5), aucB = (20 + 3 * 7) / (21.0 * 4);
        Assert.Equal((aucA + aucB) / 2, t.Auc, 6);
        Assert.Equal(1.0, t.Precision!.Value, 6);                     // centre error 5 px <= 20 px
        Assert.Equal((1 / 5.0 + 1 / 4.0) / 2, t.NormPrecision!.Value, 6); // 5 / 10 = 0.5 > 0.2 after frame 1
        Assert.Equal((1 / 5.0 + 1 / 4.0) / 2, t.Op50, 6);             // 1/3 is not above 0.5
        Assert.Equal(9, t.Timing!.Frames);                            // every frame timed, init included
    }

    [Fact]
    public void SecondRunSkipsCompleteResultsAndMissingOrIncompleteOnesAreRecomputed()
    {
        BenchmarkRunner.Run([Factory()], _sequences, _out);
        Assert.Equal(2, _instances);
        Assert.Equal(2, _disposed);
        Assert.Equal(4 + 3, _trackCalls);
        string seqA = Path.Combine(_out, "shift", "seqA.txt"), seqB = Path.Combine(_out, "shift", "seqB.txt");
        string seqBText = File.ReadAllText(seqB);

        var skipped = new List<BenchmarkProgress>();
        var second = BenchmarkRunner.Run([Factory()], _sequences, _out, progress: new Collect(skipped));
        Assert.All(second, j => Assert.True(j.Skipped));
        Assert.Equal(2, _instances);   // no tracker was created
        Assert.Equal(2, skipped.Count(p => p.Skipped));

        File.Delete(seqA);
        File.WriteAllText(Path.Combine(_out, "shift", "seqB_time.txt"), "0.1\n0.1\n");  // 2 of 4 frames: incomplete
        var third = BenchmarkRunner.Run([Factory()], _sequences, _out);
        Assert.All(third, j => Assert.False(j.Skipped));
        Assert.Equal(4, _instances);
        Assert.Equal(5, File.ReadAllLines(seqA).Length);
        Assert.Equal(4, RawResultFile.ReadTimes(Path.Combine(_out, "shift", "seqB_time.txt")).Count);
        Assert.Equal(seqBText, File.ReadAllText(seqB));
    }

    [Fact]
    public void TwoWorkersWriteTheSameBoxesAsOne()
    {
        string one = Path.Combine(_dir, "one"), two = Path.Combine(_dir, "two");
        var trackers = new[] { Factory("a"), Factory("b") };
        BenchmarkRunner.Run(trackers, _sequences, one, workers: 1);
        var jobs = BenchmarkRunner.Run(trackers, _sequences, two, workers: 2);

        Assert.Equal(new[] { "a/seqA", "a/seqB", "b/seqA", "b/seqB" }, jobs.Select(j => $"{j.Tracker}/{j.Sequence}"));
        foreach (string tracker in new[] { "a", "b" })
            foreach (string seq in new[] { "seqA", "seqB" })
                Assert.Equal(File.ReadAllText(Path.Combine(one, tracker, seq + ".txt")), File.ReadAllText(Path.Combine(two, tracker, seq + ".txt")));
        Assert.Equal(8, _instances);
        Assert.Equal(8, _disposed);
    }

    [Fact]
    public void ReportsEveryFrameInOrderPerSequence()
    {
        var reports = new List<BenchmarkProgress>();
        BenchmarkRunner.Run([Factory()], _sequences, _out, progress: new Collect(reports));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, reports.Where(r => r.Sequence == "seqA").Select(r => r.FramesDone));
        Assert.All(reports, r => Assert.False(r.Skipped));
        Assert.Equal(9, reports.Count);
    }

    [Fact]
    public void UndecodableFrameIsAnErrorNamingSequenceAndFileAndWritesNothingForIt()
    {
        string bad = _sequences[1].FramePaths[2];
        File.WriteAllText(bad, "not an image");

        var error = Assert.Throws<InvalidDataException>(() => BenchmarkRunner.Run([Factory()], _sequences, _out));

        Assert.Contains("'seqB'", error.Message);
        Assert.Contains("frame 3", error.Message);
        Assert.Contains(bad, error.Message);
        Assert.False(File.Exists(Path.Combine(_out, "shift", "seqB.txt")));
        Assert.False(File.Exists(Path.Combine(_out, "shift", "seqB_time.txt")));
        Assert.Equal(_instances, _disposed);
    }

    [Fact]
    public void TrackerFailureNamesTrackerSequenceAndFrame()
    {
        var failing = new NamedTrackerFactory("shift", () =>
        {
            Interlocked.Increment(ref _instances);
            return new ShiftTracker(this, failOnFrame: 3);
        });

        var error = Assert.Throws<InvalidOperationException>(() => BenchmarkRunner.Run([failing], _sequences, _out));

        Assert.Contains("Tracker 'shift' failed on sequence 'seqA', frame 3", error.Message);
        Assert.IsType<ArithmeticException>(error.InnerException);
        Assert.False(File.Exists(Path.Combine(_out, "shift", "seqA.txt")));
        Assert.Equal(_instances, _disposed);
    }

    [Fact]
    public void InvalidFirstGroundTruthBoxIsRejectedBeforeAnythingRuns()
    {
        var broken = _sequences[0] with { GroundTruth = [new Box(1, 1, 0, 5), .. _sequences[0].GroundTruth.Skip(1)] };
        var error = Assert.Throws<InvalidDataException>(() => BenchmarkRunner.Run([Factory()], [broken, _sequences[1]], _out));
        Assert.Contains("'seqA', frame 1", error.Message);
        Assert.Equal(0, _instances);
    }

    [Fact]
    public void CancellationStopsWithoutWritingTheUnfinishedSequence()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Collect([], p => { if (p.FramesDone == 2) cancel.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() => BenchmarkRunner.Run([Factory()], _sequences, _out, 1, progress, cancel.Token));

        Assert.False(File.Exists(Path.Combine(_out, "shift", "seqA.txt")));
        Assert.Equal(_instances, _disposed);
    }

    [Fact]
    public void DuplicateTrackerNamesAndZeroWorkersAreRejected()
    {
        Assert.Throws<ArgumentException>(() => BenchmarkRunner.Run([Factory("x"), Factory("X")], _sequences, _out));
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkRunner.Run([Factory()], _sequences, _out, workers: 0));
    }

    private NamedTrackerFactory Factory(string name = "shift") => new(name, () =>
    {
        Interlocked.Increment(ref _instances);
        return new ShiftTracker(this);
    });

    /// <summary>Frame k (1-based) of a sequence has grey level 20 k and target box (2 k, 3, 10, 10).</summary>
    private void WriteSequence(string name, int frames)
    {
        string img = Path.Combine(_dir, "data", name, "img");
        Directory.CreateDirectory(img);
        var gt = new List<string>();
        for (int k = 1; k <= frames; k++)
        {
            using var bitmap = new SKBitmap(40, 24);
            bitmap.Erase(new SKColor((byte)(20 * k), (byte)(20 * k), (byte)(20 * k)));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(img, $"{k:D8}.png"), png.ToArray());
            gt.Add($"{2 * k},3,10,10");
        }
        File.WriteAllLines(Path.Combine(_dir, "data", name, "groundtruth.txt"), gt);
    }

    /// <summary>Answers frame k's ground truth shifted <see cref="Shift"/> px right, k read from the pixels; throws on frame <c>failOnFrame</c>.</summary>
    private sealed class ShiftTracker(BenchmarkRunnerTests owner, int failOnFrame = 0) : ITracker
    {
        public string Name => "shift";

        public void Initialize(Frame frame, Box box)
        {
            Assert.Equal(1, FrameNumber(frame));
            Assert.Equal(new Box(2, 3, 10, 10), box);
        }

        public TrackResult Track(Frame frame)
        {
            Interlocked.Increment(ref owner._trackCalls);
            int k = FrameNumber(frame);
            if (k == failOnFrame) throw new ArithmeticException("fake failure");
            return new TrackResult(new Box(2 * k + Shift, 3, 10, 10), 1);
        }

        public void Dispose() => Interlocked.Increment(ref owner._disposed);

        private static int FrameNumber(Frame frame) => frame.Rgb[0] / 20;
    }

    private sealed class Collect(List<BenchmarkProgress> into, Action<BenchmarkProgress>? also = null) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value)
        {
            lock (into) into.Add(value);
            also?.Invoke(value);
        }
    }
}
