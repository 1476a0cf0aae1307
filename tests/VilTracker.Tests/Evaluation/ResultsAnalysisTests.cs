using System.Text.Json;
using VilTracker.Data;
using VilTracker.Evaluation;
using VilTracker.Geometry;

namespace VilTracker.Tests.Evaluation;

/// <summary>Analysis of results folders on real UAV123@10fps ground truth from ../shared/data/sot-dev.</summary>
public sealed class ResultsAnalysisTests : IDisposable
{
    private static readonly string[] UavNames = ["boat1", "wakeboard7", "person11"];
    private readonly string _dir = Directory.CreateTempSubdirectory("viltracker-analysis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Real sequences (comma-separated integer boxes, no NaN rows in this set).</summary>
    private static List<Sequence> RealUav() => UavNames.Select(name =>
    {
        string folder = SharedData.PathOf("data", "sot-dev", name);
        var gt = RawResultFile.ReadBoxes(Path.Combine(folder, "groundtruth.txt"));
        var frames = Directory.GetFiles(Path.Combine(folder, "img"), "*.jpg").Order().ToList();
        return new Sequence(name, "uav123", frames, gt);
    }).ToList();

    [Fact]
    public void PerfectAndPartialTrackersWithMissingSequenceAndFps()
    {
        var sequences = RealUav();
        Assert.Equal([301, 67, 241], sequences.Select(s => s.GroundTruth.Count));
        foreach (var s in sequences)
        {
            string perfect = Path.Combine(_dir, "perfect");
            RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(perfect, s.Name), s.GroundTruth);
            double seconds = s.Name == "wakeboard7" ? 0.02 : 0.01;
            RawResultFile.WriteTimes(RawResultLayout.FlatTimePath(perfect, s.Name), Enumerable.Repeat(seconds, s.GroundTruth.Count));
            if (s.Name != "person11")
                RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(Path.Combine(_dir, "partial"), s.Name), s.GroundTruth);
        }

        var report = ResultsAnalysis.Analyze(_dir, sequences);

        Assert.Equal(["partial", "perfect"], report.Trackers.Select(t => t.Tracker));
        var missing = Assert.Single(report.Missing);
        Assert.Equal(("partial", "person11"), (missing.Tracker, missing.Sequence));
        Assert.Equal(["person11"], report.ExcludedSequences);
        var perfectMetrics = report.Trackers[1];
        Assert.Equal(["boat1", "wakeboard7"], perfectMetrics.Sequences.Select(s => s.Sequence));
        // IoU 1 on every frame: success 1 at the 20 thresholds below 1.0 and 0 at 1.0 (strict) -> AUC 20/21.
        Assert.Equal(20 / 21.0, perfectMetrics.Auc, 12);
        Assert.Equal(1.0, perfectMetrics.Precision);
        Assert.Equal(1.0, perfectMetrics.NormPrecision);
        Assert.Equal(1.0, perfectMetrics.Op75);
        // FPS over the aggregated sequences: (301 + 67) frames / (301 * 0.01 + 67 * 0.02) s = 368 / 4.35.
        Assert.Equal(368 / 4.35, perfectMetrics.Fps!.Value, 9);
        Assert.Equal(1 / 0.02, perfectMetrics.Sequences[1].Fps!.Value, 9);
        Assert.Null(report.Trackers[0].Fps);
    }

    [Fact]
    public void ShiftedTrackerOnRealSequenceMatchesClosedForm()
    {
        // Every box moved 3 px right: IoU = (w - 3) h / ((w + 3) h) = (w - 3) / (w + 3), centre error exactly 3 px.
        var boat = RealUav()[0];
        var shifted = boat.GroundTruth.Select(b => b with { X = b.X + 3 }).ToList();
        RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(Path.Combine(_dir, "shift"), "boat1"), shifted);

        var pytracking = ResultsAnalysis.Analyze(Path.Combine(_dir, "shift"), [boat]).Trackers.Single();
        var pysot = ResultsAnalysis.Analyze(Path.Combine(_dir, "shift"), [boat], EvaluationProtocol.Pysot).Trackers.Single();

        int n = boat.GroundTruth.Count;
        var ious = boat.GroundTruth.Select(b => (b.W - 3) / (b.W + 3)).ToArray();
        double ExpectedSuccess(double thr, bool firstForced) =>
            (ious.Skip(firstForced ? 1 : 0).Count(v => v > thr) + (firstForced ? 1 : 0)) / (double)n;

        // pytracking forces frame 1 to GT (error 0): precision at 2 px = 1/n; pysot keeps the shifted first box: 0.
        Assert.Equal((double)(1f / n), pytracking.PrecisionCurve![2]);
        Assert.Equal(0.0, pysot.PrecisionCurve![2]);
        Assert.Equal(1.0, pytracking.PrecisionCurve[3]);
        Assert.Equal(1.0, pysot.PrecisionCurve[3]);
        foreach (int i in new[] { 0, 10, 15, 18 })
        {
            Assert.Equal(ExpectedSuccess(ThresholdSets.PysotOverlap[i], firstForced: false), pysot.SuccessCurve[i], 12);
            Assert.Equal(ExpectedSuccess(ThresholdSets.PytrackingOverlap[i], firstForced: true), pytracking.SuccessCurve[i], 6);
        }
    }

    [Fact]
    public void SingleTrackerFolderAndGot10kLayout()
    {
        var g = new Box(10, 10, 20, 20);
        var seq = new Sequence("GOT-10k_Val_000001", "got10k", ["1.jpg", "2.jpg", "3.jpg"], [g, g, g]);
        string tracker = Path.Combine(_dir, "siam");
        RawResultFile.WriteBoxes(RawResultLayout.Got10kResultPath(tracker, seq.Name, 1), [g, g, g]);
        RawResultFile.WriteBoxes(RawResultLayout.Got10kResultPath(tracker, seq.Name, 2), [g, g, g with { X = 20 }]);
        var sizes = new Dictionary<string, ImageSize> { [seq.Name] = new(640, 480) };

        var report = ResultsAnalysis.Analyze(tracker, [seq], EvaluationProtocol.Got10k, sizes);

        var t = Assert.Single(report.Trackers);
        Assert.Equal("siam", t.Tracker);
        // run 1 frames 2,3: IoU 1, 1; run 2: 1 and (10 * 20) / (800 - 200) = 1/3 -> AO (3 + 1/3) / 4.
        Assert.Equal((3 + 1 / 3.0) / 4, t.Auc, 12);
        Assert.Equal(0.75, t.Op50);
        Assert.Throws<InvalidDataException>(() => ResultsAnalysis.Analyze(tracker, [seq], EvaluationProtocol.Got10k));
    }

    [Fact]
    public void BadResultFileErrorNamesTheFile()
    {
        var boat = RealUav()[0];
        string tracker = Path.Combine(_dir, "nan");
        var boxes = boat.GroundTruth.ToArray();
        boxes[5] = Box.NaN;
        RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(tracker, "boat1"), boxes);
        var e = Assert.Throws<InvalidDataException>(() => ResultsAnalysis.Analyze(tracker, [boat]));
        Assert.Contains("boat1.txt", e.Message);
        Assert.Contains("frame 6", e.Message);
    }

    [Fact]
    public void ReportFilesAreWrittenWithConsistentNumbers()
    {
        var sequences = RealUav();
        foreach (var s in sequences)
        {
            RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(Path.Combine(_dir, "results", "perfect"), s.Name), s.GroundTruth);
            var drift = s.GroundTruth.Select((b, i) => b with { X = b.X + i % 40, Y = b.Y - i % 25 }).ToList();
            RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(Path.Combine(_dir, "results", "drifting"), s.Name), drift);
            RawResultFile.WriteTimes(RawResultLayout.FlatTimePath(Path.Combine(_dir, "results", "drifting"), s.Name), Enumerable.Repeat(0.04, s.GroundTruth.Count));
        }
        var report = ResultsAnalysis.Analyze(Path.Combine(_dir, "results"), sequences);
        string outDir = Path.Combine(_dir, "report");

        var written = ReportWriter.WriteAll(report, outDir);

        Assert.Equal(["summary.md", "summary.csv", "sequences.csv", "summary.json", "success_plot.png", "precision_plot.png"],
            written.Select(Path.GetFileName));
        foreach (string png in written.Where(p => p.EndsWith(".png")))
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var drifting = json.RootElement.GetProperty("trackers")[0];
        Assert.Equal("drifting", drifting.GetProperty("name").GetString());
        Assert.Equal(report.Trackers[0].Auc, drifting.GetProperty("auc").GetDouble());
        Assert.Equal(25.0, drifting.GetProperty("fps").GetDouble(), 9);   // 0.04 s per frame
        Assert.Equal(3, drifting.GetProperty("sequences").GetArrayLength());
        Assert.Equal(21, drifting.GetProperty("success_curve").GetProperty("values").GetArrayLength());
        var csv = File.ReadAllLines(Path.Combine(outDir, "sequences.csv"));
        Assert.Equal(1 + 2 * 3, csv.Length);
        string md = File.ReadAllText(Path.Combine(outDir, "summary.md"));
        Assert.Contains($"| perfect | {100 * 20 / 21.0:0.00} | 100.00 |", md);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
        string? keep = Environment.GetEnvironmentVariable("VILTRACKER_KEEP_REPORT");
        if (keep is not null) foreach (string f in written) File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), overwrite: true);
    }
}
