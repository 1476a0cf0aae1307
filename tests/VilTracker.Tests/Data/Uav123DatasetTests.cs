using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>UAV123 layout on a generated tree: frame-range sub-sequences, NaN rows, missing ranges.</summary>
public class Uav123DatasetTests
{
    /// <summary>bird1 (20 frames) split into bird1_1 = frames 1-5 and bird1_2 = frames 11-16; boat3 whole (4 frames, one NaN row).</summary>
    private static TempFolder MakeTree(bool withRanges = true)
    {
        var temp = new TempFolder();
        temp.WriteFrames("data_seq/UAV123/bird1", 1, 20, i => $"{i:D6}.jpg");
        temp.WriteFrames("data_seq/UAV123/boat3", 1, 4, i => $"{i:D6}.jpg");
        temp.WriteText("anno/UAV123/bird1_1.txt", TempFolder.Boxes(5));
        temp.WriteText("anno/UAV123/bird1_2.txt", TempFolder.Boxes(6, first: 11));
        temp.WriteText("anno/UAV123/boat3.txt", "1,2,3,4\nNaN,NaN,NaN,NaN\n5,6,7,8\n9,10,11,12\n");
        if (withRanges)
            temp.WriteText("frame_ranges.tsv", "name\tfolder\tstart\tend\nbird1_1\tbird1\t1\t5\nbird1_2\tbird1\t11\t16\n");
        return temp;
    }

    [Fact]
    public void SubSequencesTakeTheirFrameRangeOfTheSharedFolder()
    {
        using var temp = MakeTree();
        var dataset = new Uav123Dataset(temp.Path);
        Assert.Equal(["bird1_1", "bird1_2", "boat3"], dataset.SequenceNames);
        var second = dataset.Load("bird1_2");
        Assert.Equal("uav123", second.Dataset);
        Assert.Equal(Enumerable.Range(11, 6).Select(i => $"{i:D6}.jpg"), second.FramePaths.Select(Path.GetFileName));
        Assert.All(second.FramePaths, p => Assert.Contains(Path.Combine("data_seq", "UAV123", "bird1"), p));
        Assert.Equal(new Box(11, 22, 10, 20), second.GroundTruth[0]);
        Assert.Equal(5, dataset.Load("bird1_1").FramePaths.Count);
    }

    [Fact]
    public void ToolkitConfigSeqsGivesTheSameRanges()
    {
        using var temp = MakeTree(withRanges: false);
        temp.WriteText("configSeqs.m", """
            seqs={struct('name','bird1_1','path','.\data_seq\UAV123\bird1\','startFrame',1,'endFrame',5,'nz',6,'ext','jpg','init_rect',[0,0,0,0]),...
            struct('name','bird1_2','path','.\data_seq\UAV123\bird1\','startFrame',11,'endFrame',16,'nz',6,'ext','jpg','init_rect',[0,0,0,0])};
            """);
        var frames = new Uav123Dataset(temp.Path).Load("bird1_2").FramePaths.Select(Path.GetFileName);
        Assert.Equal(Enumerable.Range(11, 6).Select(i => $"{i:D6}.jpg"), frames);
    }

    [Fact]
    public void WholeFolderSequenceKeepsItsNaNRow()
    {
        using var temp = MakeTree();
        var boat = new Uav123Dataset(temp.Path).Load("boat3");
        Assert.Equal(4, boat.FramePaths.Count);
        Assert.False(boat.GroundTruth[1].IsFinite);
        Assert.Equal(new Box(5, 6, 7, 8), boat.GroundTruth[2]);
    }

    [Fact]
    public void SubSequenceWithoutRangeTableExplainsWhereRangesComeFrom()
    {
        using var temp = MakeTree(withRanges: false);
        var dataset = new Uav123Dataset(temp.Path);
        Assert.Equal(4, dataset.Load("boat3").FramePaths.Count);
        var error = Assert.Throws<InvalidDataException>(() => dataset.Load("bird1_2"));
        Assert.Contains("'bird1_2'", error.Message);
        Assert.Contains("'bird1'", error.Message);
        Assert.Contains("configSeqs.m", error.Message);
    }

    [Fact]
    public void RangeLongerThanAnnotationIsACountMismatch()
    {
        using var temp = MakeTree(withRanges: false);
        temp.WriteText("frame_ranges.tsv", "bird1_1\tbird1\t1\t7\n");
        var error = Assert.Throws<InvalidDataException>(() => new Uav123Dataset(temp.Path).Load("bird1_1"));
        Assert.Contains("7 frames but 5 ground-truth boxes", error.Message);
    }

    [Fact]
    public void LayoutIsDetected()
    {
        using var temp = MakeTree();
        Assert.Equal("uav123", DatasetFormats.Detect(temp.Path));
        Assert.IsType<Uav123Dataset>(DatasetFormats.Open(temp.Path));
    }

    [Fact]
    public void OtherSubsetsAreChosenByNameAndAmbiguityIsAnError()
    {
        using var temp = new TempFolder();
        temp.WriteFrames("data_seq/UAV123_10fps/car7", 1, 3, i => $"{i:D6}.jpg");
        temp.WriteText("anno/UAV123_10fps/car7.txt", TempFolder.Boxes(3));
        temp.WriteText("anno/UAV20L/car9.txt", TempFolder.Boxes(2));

        var error = Assert.Throws<InvalidDataException>(() => new Uav123Dataset(temp.Path));
        Assert.Contains("2 subsets", error.Message);

        var tenFps = new Uav123Dataset(temp.Path, subset: "UAV123_10fps");
        Assert.Equal(["car7"], tenFps.SequenceNames);
        Assert.Contains(Path.Combine("UAV123_10fps", "car7"), tenFps.Load("car7").FramePaths[0]);
    }
}
