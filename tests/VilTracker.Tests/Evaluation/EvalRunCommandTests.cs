using System.Reflection;
using System.Text.Json;
using VilTracker.Evaluation;

namespace VilTracker.Tests.Evaluation;

/// <summary>Runs alone: the <c>--json</c> test redirects the process-wide standard output.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

/// <summary><c>viltrack eval --trackers</c> end to end: KCF on the first 20 frames of two sot-dev sequences.</summary>
[Collection(nameof(ConsoleCapture))]
public sealed class EvalRunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltracker-eval-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int RunCli(params string[] args)
    {
        var entry = Assembly.Load("viltrack").EntryPoint!;
        return (int)entry.Invoke(null, [args])!;
    }

    [Fact]
    public void RunsKcfWritesRawResultsAndTheReportAndPrintsTheJsonSummary()
    {
        string output = Path.Combine(_dir, "out");
        string dataset = SharedData.PathOf("data", "sot-dev");
        var stdout = new StringWriter();
        var saved = Console.Out;
        int exit;
        Console.SetOut(stdout);
        try
        {
            exit = RunCli("eval", "--dataset", dataset, "--trackers", "kcf", "--sequences", "Couple,Crossing",
                "--max-frames", "20", "--out", output, "--json");
        }
        finally
        {
            Console.SetOut(saved);
        }

        Assert.Equal(0, exit);
        foreach (string seq in new[] { "Couple", "Crossing" })
        {
            var boxes = RawResultFile.ReadBoxes(Path.Combine(output, "kcf", seq + ".txt"));
            Assert.Equal(20, boxes.Count);
            var gt = RawResultFile.ReadBoxes(Path.Combine(dataset, seq, "groundtruth.txt"));
            Assert.Equal(gt[0], boxes[0]);                          // line 1 is the init box
            Assert.Equal(20, RawResultFile.ReadTimes(Path.Combine(output, "kcf", seq + "_time.txt")).Count);
        }
        foreach (string file in new[] { "summary.md", "summary.csv", "sequences.csv", "summary.json", "success_plot.png", "precision_plot.png" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);

        // The printed JSON is the report's summary.json, scored on the 20-frame sequences.
        Assert.Equal(File.ReadAllText(Path.Combine(output, "summary.json")), stdout.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var kcf = json.RootElement.GetProperty("trackers")[0];
        Assert.Equal("kcf", kcf.GetProperty("name").GetString());
        foreach (string key in new[] { "auc", "precision", "norm_precision", "op50", "op75", "fps" })
            Assert.InRange(kcf.GetProperty(key).GetDouble(), key == "fps" ? 1e-3 : 0, key == "fps" ? 1e6 : 1);
        var sequences = kcf.GetProperty("sequences");
        Assert.Equal(2, sequences.GetArrayLength());
        Assert.All(sequences.EnumerateArray(), s => Assert.Equal(20, s.GetProperty("frames").GetInt32()));
        Assert.Equal(0, json.RootElement.GetProperty("missing").GetArrayLength());

        // A second run keeps the finished results (same bytes) and still writes the report.
        string before = File.ReadAllText(Path.Combine(output, "kcf", "Couple_time.txt"));
        Assert.Equal(0, RunCli("eval", "--dataset", dataset, "--trackers", "kcf", "--sequences", "Couple,Crossing",
            "--max-frames", "20", "--out", output));
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "kcf", "Couple_time.txt")));
    }

    [Theory]
    [InlineData("siamrpn")]
    [InlineData("kcf:weights.bin")]
    public void BadTrackerSpecFailsBeforeAnythingRuns(string trackers)
    {
        string output = Path.Combine(_dir, "out");
        Assert.Equal(1, RunCli("eval", "--dataset", SharedData.PathOf("data", "sot-dev"), "--trackers", trackers,
            "--sequences", "boat1", "--max-frames", "2", "--out", output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void UnknownSequenceAndMissingOutAreErrors()
    {
        string dataset = SharedData.PathOf("data", "sot-dev");
        Assert.Equal(1, RunCli("eval", "--dataset", dataset, "--trackers", "kcf", "--sequences", "nope", "--out", Path.Combine(_dir, "o")));
        Assert.Equal(1, RunCli("eval", "--dataset", dataset, "--trackers", "kcf"));
        Assert.False(Directory.Exists(Path.Combine(_dir, "o")));
    }
}
