using System.Reflection;
using System.Text.Json;
using SkiaSharp;
using VilTracker.Evaluation;
using VilTracker.Geometry;

namespace VilTracker.Tests.Evaluation;

/// <summary><c>viltrack eval</c> end to end on the real sot-dev sequences (generic layout).</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltracker-eval-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int RunCli(params string[] args)
    {
        var entry = Assembly.Load("viltrack").EntryPoint!;
        return (int)entry.Invoke(null, [args])!;
    }

    [Fact]
    public void EvaluatesResultsAgainstTheDatasetAndWritesTheReport()
    {
        // Results only for boat1 (comma GT) and Crossing (tab GT), copied from the ground truth: IoU 1 everywhere.
        string results = Path.Combine(_dir, "results");
        foreach (string name in new[] { "boat1", "Crossing" })
        {
            var gt = RawResultFile.ReadBoxes(SharedData.PathOf("data", "sot-dev", name, "groundtruth.txt"));
            RawResultLayout.WriteFlat(Path.Combine(results, "copy"), name, gt, Enumerable.Repeat(0.05, gt.Count).ToList());
        }
        string report = Path.Combine(_dir, "report");

        int exit = RunCli("eval", "--results", results, "--dataset", SharedData.PathOf("data", "sot-dev"),
            "--protocol", "pysot", "--out", report);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "summary.json")));
        Assert.Equal("pysot", json.RootElement.GetProperty("protocol").GetString());
        var tracker = json.RootElement.GetProperty("trackers")[0];
        Assert.Equal(2, tracker.GetProperty("sequences_evaluated").GetInt32());
        Assert.Equal(20 / 21.0, tracker.GetProperty("auc").GetDouble(), 12);
        Assert.Equal(20.0, tracker.GetProperty("fps").GetDouble(), 9);         // 1 / 0.05 s
        Assert.Equal(10, json.RootElement.GetProperty("missing").GetArrayLength()); // the other 10 sequences
        Assert.True(File.Exists(Path.Combine(report, "success_plot.png")));
    }

    [Fact]
    public void Got10kProtocolReadsTheImageSizeFromTheFirstFrame()
    {
        // A GOT-10k val sequence of three 40 x 30 frames. GT (30,20,20,20) is clipped by the image to (30,20,10,10);
        // the prediction (30,20,10,10) then has IoU 1 (without the bound it would be 100 / 400 = 0.25).
        string seq = Path.Combine(_dir, "val", "GOT-10k_Val_000001");
        Directory.CreateDirectory(seq);
        using (var bitmap = new SKBitmap(40, 30))
        using (var png = bitmap.Encode(SKEncodedImageFormat.Png, 100))
            for (int i = 1; i <= 3; i++) File.WriteAllBytes(Path.Combine(seq, $"{i:D8}.png"), png.ToArray());
        File.WriteAllText(Path.Combine(seq, "groundtruth.txt"), "30,20,20,20\n30,20,20,20\n30,20,20,20\n");
        File.WriteAllText(Path.Combine(seq, "absence.label"), "0\n0\n0\n");
        File.WriteAllText(Path.Combine(seq, "cover.label"), "8\n8\n8\n");
        string tracker = Path.Combine(_dir, "results", "trk");
        RawResultLayout.WriteGot10kRun(tracker, "GOT-10k_Val_000001", 1, [new Box(30, 20, 20, 20), new Box(30, 20, 10, 10), new Box(30, 20, 10, 10)], [0.1, 0.1, 0.1]);
        string report = Path.Combine(_dir, "report");

        Assert.Equal(0, RunCli("eval", "--results", Path.Combine(_dir, "results"), "--dataset", Path.Combine(_dir, "val"),
            "--protocol", "got10k", "--out", report));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "summary.json")));
        var t = json.RootElement.GetProperty("trackers")[0];
        Assert.Equal(1.0, t.GetProperty("auc").GetDouble());   // AO over frames 2 and 3
        Assert.Equal(JsonValueKind.Null, t.GetProperty("precision").ValueKind);
        Assert.Equal(101, t.GetProperty("success_curve").GetProperty("values").GetArrayLength());
    }

    [Fact]
    public void UnknownProtocolFailsWithExitCodeOne()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        Assert.Equal(1, RunCli("eval", "--results", Path.Combine(_dir, "results"), "--dataset",
            SharedData.PathOf("data", "sot-dev"), "--protocol", "vot"));
    }
}
