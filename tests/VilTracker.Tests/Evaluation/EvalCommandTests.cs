using System.Reflection;
using System.Text.Json;
using VilTracker.Evaluation;

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
    public void UnknownProtocolFailsWithExitCodeOne()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        Assert.Equal(1, RunCli("eval", "--results", Path.Combine(_dir, "results"), "--dataset",
            SharedData.PathOf("data", "sot-dev"), "--protocol", "vot"));
    }
}
