using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VilTracker.Baselines.OpenCv;
using VilTracker.Cli;
using VilTracker.Cli.Commands;
using VilTracker.Data;
using VilTracker.Evaluation;
using VilTracker.Imaging;
using VilTracker.Model;

namespace VilTracker.Tests.Cli;

/// <summary>
/// The bundled default model (<c>models/uav-small</c>): <c>viltrack demo</c> end to end, its score on the demo sequence
/// against a floor set from the measurement, and the model card's numbers against a fresh evaluation.
/// </summary>
public sealed partial class DefaultModelTests : IDisposable
{
    /// <summary>
    /// Lowest acceptable AUC (%) of the bundled model on the demo sequence: the measured value in the model card minus
    /// a margin of 5 points for other machines' floating-point paths.
    /// </summary>
    private const double DemoAucFloor = DemoAucMeasured - 5;

    /// <summary>The demo AUC (%) measured when the model was bundled (the model card's number).</summary>
    private const double DemoAucMeasured = 72.87;

    /// <summary>How far (AUC points) a fresh evaluation may drift from the card: other CPUs round differently.</summary>
    private const double CardTolerance = 1.0;

    private static readonly string[] HeldOut = ["bag", "Gull2", "person11"];

    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-default-model-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void DemoTracksTheSyntheticSequenceWithBothTrackersAndVilBeatsItsFloor()
    {
        int exit = DemoCommand.Run(new DemoCommand.DemoRequest(folder, null, null, null, "csrt", null));

        Assert.Equal(0, exit);
        foreach (var tracker in new[] { "vil", "csrt" })
            Assert.Equal(300, RawResultFile.ReadBoxes(Path.Combine(folder, "results", tracker, DemoCommand.SequenceName + ".txt")).Count);
        using (var video = VideoFrameSource.OpenFile(Path.Combine(folder, "demo.mp4")))
            Assert.Equal(300, video.ReadFrames(BadFramePolicy.Stop).Count());
        Assert.True(new FileInfo(Path.Combine(folder, "success_plot.png")).Length > 1000);

        var scores = ReadAuc(Path.Combine(folder, "summary.json"));
        Assert.True(scores["vil"] >= DemoAucFloor, $"vil AUC {scores["vil"]:F2} on the demo sequence is below the floor {DemoAucFloor:F2}");
        Assert.True(scores["vil"] > scores["csrt"], $"vil ({scores["vil"]:F2}) should beat CSRT ({scores["csrt"]:F2}) on the demo sequence");
        var card = CardAuc();
        Assert.Equal(card[("demo", "vil")], scores["vil"], CardTolerance);
        Assert.Equal(card[("demo", "csrt")], scores["csrt"], CardTolerance);
    }

    [Fact]
    public void DemoOnAVideoWritesBoxesAndTheVideoWithoutScores()
    {
        string video = SharedData.PathOf("data", "videos", "bag.avi");
        Assert.Equal(1, DemoCommand.Run(new DemoCommand.DemoRequest(folder, video, null, null, "kcf", null)));

        int exit = DemoCommand.Run(new DemoCommand.DemoRequest(folder, video, "292,128,146,132", null, "kcf", null));

        Assert.Equal(0, exit);
        int frames;
        using (var input = VideoFrameSource.OpenFile(video))
            frames = input.ReadFrames(BadFramePolicy.Stop).Count();
        foreach (var tracker in new[] { "vil", "kcf" })
        {
            var boxes = RawResultFile.ReadBoxes(Path.Combine(folder, "results", tracker, "bag.txt"));
            Assert.Equal(frames, boxes.Count);
            Assert.Equal(new VilTracker.Geometry.Box(292, 128, 146, 132), boxes[0]);
        }
        using (var rendered = VideoFrameSource.OpenFile(Path.Combine(folder, "demo.mp4")))
            Assert.Equal(frames, rendered.ReadFrames(BadFramePolicy.Stop).Count());
        Assert.False(File.Exists(Path.Combine(folder, "summary.json")));
    }

    [Fact]
    public void ModelCardHeldOutScoreMatchesAFreshEvaluation()
    {
        var dataset = DatasetFormats.Open(SharedData.PathOf("data", "sot-dev"), "generic");
        var sequences = HeldOut.Select(dataset.Load).ToList();
        var vil = new NamedTrackerFactory("vil", () => TrackerCatalog.Create("vil"));
        BenchmarkRunner.Run([vil], sequences, folder);
        var report = ResultsAnalysis.Analyze(folder, sequences);

        Assert.Equal(CardAuc()[("held-out", "vil")], 100 * report.Trackers.Single().Auc, CardTolerance);
    }

    [Fact]
    public void BundledModelIsTheUavSmallPresetWithinTheSizeLimit()
    {
        var weights = new FileInfo(Path.Combine(DefaultModel.Require(), ModelFolder.WeightsFile));
        Assert.True(weights.Length < 30_000_000, $"{weights.FullName} is {weights.Length} bytes; the bundled model must stay under 30 MB");
        using var model = ModelFolder.Load(DefaultModel.Folder);
        Assert.Equal("uav-small", model.Config.Preset);
        // The build's copy beside the program is the repository's file.
        Assert.Equal(File.ReadAllBytes(Path.Combine(SharedData.RepoRoot, DefaultModel.RelativeFolder, ModelFolder.WeightsFile)),
            File.ReadAllBytes(weights.FullName));
    }

    /// <summary>The AUC (%) of each tracker in a report's <c>summary.json</c>.</summary>
    private static Dictionary<string, double> ReadAuc(string summaryJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(summaryJson));
        return json.RootElement.GetProperty("trackers").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => 100 * t.GetProperty("auc").GetDouble());
    }

    /// <summary>
    /// The model card's evaluation table: rows <c>| demo ... | tracker | AUC | ...</c> and <c>| held-out ... | tracker | AUC | ...</c>,
    /// keyed by ("demo" or "held-out", tracker).
    /// </summary>
    private static Dictionary<(string Set, string Tracker), double> CardAuc()
    {
        string card = File.ReadAllText(Path.Combine(SharedData.RepoRoot, DefaultModel.RelativeFolder, ModelFolder.CardFile));
        var rows = CardRow().Matches(card)
            .ToDictionary(m => (m.Groups["set"].Value, m.Groups["tracker"].Value), m => double.Parse(m.Groups["auc"].Value, CultureInfo.InvariantCulture));
        Assert.True(rows.Count >= 4, "the model card has no evaluation table with demo and held-out rows");
        return rows;
    }

    [GeneratedRegex(@"^\| (?<set>demo|held-out)\b[^|]*\| (?<tracker>[a-z0-9-]+) \| (?<auc>[0-9.]+) \|", RegexOptions.Multiline)]
    private static partial Regex CardRow();
}
