using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>VOT layout on a generated tree: list.txt order, color/ folders, polygons.</summary>
public class VotDatasetTests
{
    private static TempFolder MakeTree()
    {
        var temp = new TempFolder();
        temp.WriteText("list.txt", "zebra\nant\n");
        temp.WriteFrames("zebra/color", 1, 2, i => $"{i:D8}.jpg");
        temp.WriteText("zebra/groundtruth.txt", "50,30,70,50,50,70,30,50\n10.5,1,12.5,1,12.5,4,10.5,4\n");
        temp.WriteFrames("ant", 1, 2, i => $"{i:D8}.jpg");
        temp.WriteText("ant/groundtruth.txt", "1,2,3,4\n5,6,7,8\n");
        return temp;
    }

    [Fact]
    public void ReadsListedSequencesWithPolygonBoxes()
    {
        using var temp = MakeTree();
        var dataset = new VotDataset(temp.Path);
        Assert.Equal(["zebra", "ant"], dataset.SequenceNames);
        var zebra = dataset.Load("zebra");
        Assert.Equal("vot", zebra.Dataset);
        Assert.Contains(Path.Combine("zebra", "color"), zebra.FramePaths[0]);
        Assert.Equal([new Box(30, 30, 40, 40), new Box(10.5, 1, 2, 3)], zebra.GroundTruth);
        Assert.Equal(new Box(5, 6, 7, 8), dataset.Load("ant").GroundTruth[1]);
        Assert.Equal("vot", DatasetFormats.Detect(temp.Path));
    }

    [Fact]
    public void MaskGroundTruthIsRejected()
    {
        using var temp = MakeTree();
        temp.WriteText("ant/groundtruth.txt", "m1,2,3,4,5\nm1,2,3,4,5\n");
        var error = Assert.Throws<InvalidDataException>(() => new VotDataset(temp.Path).Load("ant"));
        Assert.Contains("line 1", error.Message);
        Assert.Contains("mask", error.Message);
    }
}
