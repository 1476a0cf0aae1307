using VilTracker.Evaluation;
using VilTracker.Geometry;

namespace VilTracker.Tests.Evaluation;

/// <summary>Raw-result text files: the separators the toolkits write, round trips, errors naming file and line.</summary>
public sealed class RawResultFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltracker-raw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadsCommaTabAndWhitespaceSeparatedFiles()
    {
        string path = Path.Combine(_dir, "mixed.txt");
        // pysot/got10k write commas (got10k '%.3f'), pytracking writes tabs ('%d'), old OTB files use spaces.
        File.WriteAllText(path, "1,2,3,4\n5\t6\t7\t8\n 9  10 11\t12 \n\n13.500,-1.250,nan,2e1\n");
        var boxes = RawResultFile.ReadBoxes(path);
        Assert.Equal(4, boxes.Count);
        Assert.Equal(new Box(1, 2, 3, 4), boxes[0]);
        Assert.Equal(new Box(5, 6, 7, 8), boxes[1]);
        Assert.Equal(new Box(9, 10, 11, 12), boxes[2]);
        Assert.Equal(13.5, boxes[3].X);
        Assert.Equal(-1.25, boxes[3].Y);
        Assert.True(double.IsNaN(boxes[3].W));
        Assert.Equal(20, boxes[3].H);
    }

    [Fact]
    public void WriteThenReadRoundTripsExactly()
    {
        string path = Path.Combine(_dir, "sub", "seq.txt");
        Box[] boxes = [new(0.1, 1.0 / 3, 1e-7, 123456.789), new(-2, 0, 5, 5)];
        RawResultFile.WriteBoxes(path, boxes);
        Assert.Equal(boxes, RawResultFile.ReadBoxes(path));
        Assert.Equal("-2,0,5,5", File.ReadAllLines(path)[1]);
        RawResultFile.WriteTimes(Path.Combine(_dir, "sub", "seq_time.txt"), [0.25, 0.125]);
        Assert.Equal([0.25, 0.125], RawResultFile.ReadTimes(Path.Combine(_dir, "sub", "seq_time.txt")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_dir, "sub")).Length); // no temporary file left behind
    }

    [Fact]
    public void ErrorsNameFileAndLine()
    {
        string path = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(path, "1,2,3,4\n1,2,3\n");
        var e = Assert.Throws<InvalidDataException>(() => RawResultFile.ReadBoxes(path));
        Assert.Contains("bad.txt:2", e.Message);
        File.WriteAllText(path, "1,2,3,4\n1,2,x,4\n");
        e = Assert.Throws<InvalidDataException>(() => RawResultFile.ReadBoxes(path));
        Assert.Contains("bad.txt:2", e.Message);
        Assert.Contains("'x'", e.Message);
        File.WriteAllText(path, "0.1\n-0.5\n");
        e = Assert.Throws<InvalidDataException>(() => RawResultFile.ReadTimes(path));
        Assert.Contains("bad.txt:2", e.Message);
        Assert.Throws<FileNotFoundException>(() => RawResultFile.ReadBoxes(Path.Combine(_dir, "none.txt")));
    }

    [Fact]
    public void LayoutFindsFlatAndGot10kRunFiles()
    {
        string tracker = Path.Combine(_dir, "trk");
        RawResultLayout.WriteGot10kRun(tracker, "GOT-10k_Val_000001", 1, [new Box(1, 1, 1, 1), new Box(2, 2, 2, 2)], [0.5, 0.25]);
        RawResultLayout.WriteGot10kRun(tracker, "GOT-10k_Val_000001", 2, [new Box(1, 1, 1, 1), new Box(3, 3, 3, 3)], [0.125, 1]);
        // got10k appends one column per run to {seq}/{seq}_time.txt
        Assert.Equal(["0.5,0.125", "0.25,1"], File.ReadAllLines(RawResultLayout.Got10kTimePath(tracker, "GOT-10k_Val_000001")));
        Assert.Equal([0.5, 0.125, 0.25, 1], RawResultFile.ReadTimes(RawResultLayout.Got10kTimePath(tracker, "GOT-10k_Val_000001")));
        Assert.Throws<InvalidDataException>(() =>
            RawResultLayout.WriteGot10kRun(tracker, "GOT-10k_Val_000001", 3, [new Box(1, 1, 1, 1)], [0.5]));
        var runs = RawResultLayout.FindRunFiles(tracker, "GOT-10k_Val_000001");
        Assert.Equal(["GOT-10k_Val_000001_001.txt", "GOT-10k_Val_000001_002.txt"], runs.Select(Path.GetFileName));
        Assert.EndsWith(Path.Combine("GOT-10k_Val_000001", "GOT-10k_Val_000001_time.txt"),
            RawResultLayout.FindTimeFile(tracker, "GOT-10k_Val_000001"));
        RawResultLayout.WriteFlat(tracker, "boat1", [new Box(1, 1, 1, 1)], [0.1]);
        Assert.Equal(RawResultLayout.FlatTimePath(tracker, "boat1"), RawResultLayout.FindTimeFile(tracker, "boat1"));
        Assert.Equal([RawResultLayout.FlatResultPath(tracker, "boat1")], RawResultLayout.FindRunFiles(tracker, "boat1"));
        Assert.Empty(RawResultLayout.FindRunFiles(tracker, "person11"));
    }
}
