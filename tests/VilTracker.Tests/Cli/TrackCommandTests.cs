using System.Globalization;
using VilTracker.Baselines.OpenCv;
using VilTracker.Cli.Commands;
using VilTracker.Imaging;
using VilTracker.Model;
using VilTracker.Tests.Model;

namespace VilTracker.Tests.Cli;

/// <summary><c>viltrack track</c> end to end on the first frames of the VOT bag sequence.</summary>
public sealed class TrackCommandTests : IDisposable
{
    private const string BagInit = "292.23,128.36,145.96,132.47";
    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-track-").FullName;
    private readonly string images;

    public TrackCommandTests()
    {
        images = Path.Combine(folder, "img");
        Directory.CreateDirectory(images);
        foreach (var file in Directory.GetFiles(SharedData.PathOf("data", "sot-dev", "bag", "img")).Order().Take(8))
            File.Copy(file, Path.Combine(images, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WritesOneBoxPerFrameStartingWithTheInitBoxAndRendersEveryFrame()
    {
        var boxes = Path.Combine(folder, "boxes.txt");
        var video = Path.Combine(folder, "out.avi");

        int code = Invoke("--input", images, "--init", BagInit, "--tracker", "nanotrack-v2", "--out", boxes, "--render", video);

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(boxes);
        Assert.Equal(8, lines.Length);
        Assert.Equal(BagInit, lines[0]);
        Assert.All(lines, l => Assert.Equal(4, l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Count(double.IsFinite)));
        using var rendered = VideoFrameSource.OpenFile(video);
        Assert.Equal(8, rendered.ReadFrames(BadFramePolicy.Stop).Count());
    }

    [Fact]
    public void BadFrameStopsOrIsSkippedWithANaNLine()
    {
        File.WriteAllText(Path.Combine(images, "000004.jpg"), "corrupt");
        var boxes = Path.Combine(folder, "boxes.txt");

        Assert.Equal(1, Invoke("--input", images, "--init", BagInit, "--tracker", "kcf", "--out", boxes));
        Assert.False(File.Exists(boxes));

        Assert.Equal(0, Invoke("--input", images, "--init", BagInit, "--tracker", "kcf", "--out", boxes, "--on-bad-frame", "skip"));
        var lines = File.ReadAllLines(boxes);
        Assert.Equal(8, lines.Length);
        Assert.Equal("NaN,NaN,NaN,NaN", lines[3]);
    }

    [Theory]
    [InlineData("1,2,3", "csrt")]
    [InlineData("1,2,x,4", "csrt")]
    [InlineData("10,10,0,5", "csrt")]
    [InlineData("5000,10,50,40", "csrt")]
    [InlineData(BagInit, "no-such-tracker")]
    public void BadInitOrTrackerFailsWithoutWritingBoxes(string init, string tracker)
    {
        var boxes = Path.Combine(folder, "boxes.txt");

        Assert.Equal(1, Invoke("--input", images, "--init", init, "--tracker", tracker, "--out", boxes));
        Assert.False(File.Exists(boxes));
    }

    [Fact]
    public void VilTrackerRunsFromASavedModelFolder()
    {
        var model = Path.Combine(folder, "model");
        using (var tiny = new TrackerModel(TrackerModelTests.Tiny with { TemplateSize = 64, SearchSize = 128 }))
            ModelFolder.Save(tiny, model);
        var boxes = Path.Combine(folder, "boxes.txt");

        Assert.Equal(0, Invoke("--input", images, "--init", BagInit, "--tracker", "vil", "--weights", model, "--out", boxes));

        var lines = File.ReadAllLines(boxes);
        Assert.Equal(8, lines.Length);
        Assert.Equal(BagInit, lines[0]);
        Assert.All(lines, l => Assert.Equal(4, l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Count(double.IsFinite)));
    }

    [Fact]
    public void VilTrackerWithAMissingModelFolderFailsClearly()
    {
        var boxes = Path.Combine(folder, "boxes.txt");
        Assert.Equal(1, Invoke("--input", images, "--init", BagInit, "--tracker", "vil", "--weights", Path.Combine(folder, "none"), "--out", boxes));
        Assert.False(File.Exists(boxes));
    }

    private static int Invoke(params string[] args) => TrackCommand.Create().Parse(args).Invoke();
}
