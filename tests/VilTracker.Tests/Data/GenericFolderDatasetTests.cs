using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>The generic folder reader on the real sot-dev sequences and on generated folders.</summary>
public class GenericFolderDatasetTests
{
    private static readonly string SotDev = SharedData.PathOf(Path.Combine("data", "sot-dev"));

    /// <summary>name -> frame count, read from sot-dev/sequences.tsv (independent of the reader).</summary>
    private static Dictionary<string, int> ListedFrameCounts() =>
        File.ReadAllLines(Path.Combine(SotDev, "sequences.tsv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => int.Parse(f[2]));

    [Fact]
    public void FindsTheTwelveListedSequences()
    {
        var dataset = new GenericFolderDataset(SotDev);
        var listed = ListedFrameCounts();
        Assert.Equal(12, listed.Count);
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), dataset.SequenceNames.Order(StringComparer.Ordinal));
        Assert.Equal(DatasetFormats.Generic, dataset.Name);
    }

    [Fact]
    public void EverySequenceHasItsListedFrameCountAndFiniteBoxes()
    {
        var dataset = new GenericFolderDataset(SotDev);
        foreach (var (name, frames) in ListedFrameCounts())
        {
            var sequence = dataset.Load(name);
            Assert.Equal(name, sequence.Name);
            Assert.Equal("generic", sequence.Dataset);
            Assert.Equal(frames, sequence.FramePaths.Count);
            Assert.Equal(frames, sequence.GroundTruth.Count);
            Assert.All(sequence.GroundTruth, b => Assert.True(b.HasPositiveSize, $"{name}: {b}"));
            Assert.Equal(Path.Combine(SotDev, name, "img", "000001.jpg"), sequence.FramePaths[0]);
            Assert.Equal(Path.Combine(SotDev, name, "img", $"{frames:D6}.jpg"), sequence.FramePaths[^1]);
            Assert.Null(sequence.TargetVisible);
        }
    }

    public static TheoryData<string, int, Box> KnownBoxes => new()
    {
        // Tab-separated OTB lines.
        { "Crossing", 1, new Box(205, 151, 17, 50) },
        { "Couple", 140, new Box(130, 25, 39, 90) },
        { "Jogging-1", 1, new Box(111, 98, 25, 101) },
        // Comma-separated UAV123 / DTB70 lines.
        { "boat1", 301, new Box(659, 532, 102, 130) },
        { "person11", 150, new Box(927, 535, 62, 90) },
        { "Gull2", 60, new Box(476, 45, 55, 42) },
        // VOT polygons converted by hand (min/max of the four corners).
        // bag line 1: 334.02,128.36,438.19,188.78,396.39,260.83,292.23,200.41
        { "bag", 1, new Box(292.23, 128.36, 438.19 - 292.23, 260.83 - 128.36) },
        // bag line 100: 212.58,127.9,276.39,154.53,253.07,210.41,189.26,183.78
        { "bag", 100, new Box(189.26, 127.9, 87.13, 82.51) },
        // bag line 196: 125.98,124.13,279.77,90.122,310.95,231.12,157.16,265.13
        { "bag", 196, new Box(125.98, 90.122, 184.97, 175.008) },
        // ball1 line 50: 544.190,349.333,544.576,394.335,592.746,393.900,592.360,348.898
        { "ball1", 50, new Box(544.19, 348.898, 48.556, 45.437) },
    };

    [Theory]
    [MemberData(nameof(KnownBoxes))]
    public void KnownLinesGiveTheHandComputedBox(string name, int frame, Box expected)
    {
        var box = new GenericFolderDataset(SotDev).Load(name).GroundTruth[frame - 1];
        Assert.Equal(expected.X, box.X, 9);
        Assert.Equal(expected.Y, box.Y, 9);
        Assert.Equal(expected.W, box.W, 9);
        Assert.Equal(expected.H, box.H, 9);
    }

    [Fact]
    public void ASingleSequenceFolderCanBeGivenDirectly()
    {
        var dataset = new GenericFolderDataset(Path.Combine(SotDev, "wakeboard7"));
        Assert.Equal(["wakeboard7"], dataset.SequenceNames);
        var sequence = dataset.Load("wakeboard7");
        Assert.Equal(67, sequence.FramePaths.Count);
        Assert.Equal(new Box(623, 299, 11, 38), sequence.GroundTruth[0]);
    }

    [Fact]
    public void FramesAreSortedNaturallySkipHiddenFilesAndMayLieBesideTheGroundTruth()
    {
        using var temp = new TempFolder();
        temp.WriteFrames("seqA", 1, 12, i => $"{i}.png");
        temp.WriteText("seqA/._1.png", "macOS metadata, not a frame");
        temp.WriteText("seqA/notes.txt", "not a frame");
        temp.WriteText("seqA/groundtruth.txt", TempFolder.Boxes(12, separator: " "));
        var sequence = new GenericFolderDataset(temp.Path).Load("seqA");
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"{i}.png"), sequence.FramePaths.Select(Path.GetFileName));
        Assert.Equal(new Box(10, 20, 10, 20), sequence.GroundTruth[9]);
    }

    [Fact]
    public void FrameCountMismatchNamesTheSequenceAndBothCounts()
    {
        using var temp = new TempFolder();
        temp.WriteFrames("short/img", 1, 5, i => $"{i:D6}.jpg");
        temp.WriteText("short/groundtruth.txt", TempFolder.Boxes(7));
        var error = Assert.Throws<InvalidDataException>(() => new GenericFolderDataset(temp.Path).Load("short"));
        Assert.Contains("'short'", error.Message);
        Assert.Contains("5 frames", error.Message);
        Assert.Contains("7 ground-truth boxes", error.Message);
    }

    [Fact]
    public void UnknownSequenceNameIsAClearError()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new GenericFolderDataset(SotDev).Load("nope"));
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("12 sequences", error.Message);
    }

    [Fact]
    public void FolderWithoutSequencesIsAClearError()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "empty"));
        var error = Assert.Throws<InvalidDataException>(() => new GenericFolderDataset(temp.Path));
        Assert.Contains("groundtruth.txt", error.Message);
    }
}
