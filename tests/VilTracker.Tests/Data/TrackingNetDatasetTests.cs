using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>TrackingNet layout on a generated tree: chunks, 0-based natural frame order, TEST first box only.</summary>
public class TrackingNetDatasetTests
{
    private static TempFolder MakeTree()
    {
        var temp = new TempFolder();
        temp.WriteFrames("TRAIN_0/frames/a1b2c3_0", 0, 11, i => $"{i}.jpg");
        temp.WriteText("TRAIN_0/anno/a1b2c3_0.txt", TempFolder.Boxes(12));
        temp.WriteFrames("TEST/frames/zz9_1", 0, 2, i => $"{i}.jpg");
        temp.WriteText("TEST/anno/zz9_1.txt", "5,6,7,8\n");
        return temp;
    }

    [Fact]
    public void FramesAreInNumericOrderFromZero()
    {
        using var temp = MakeTree();
        var dataset = new TrackingNetDataset(temp.Path);
        Assert.Equal(["zz9_1", "a1b2c3_0"], dataset.SequenceNames);
        var video = dataset.Load("a1b2c3_0");
        Assert.Equal("trackingnet", video.Dataset);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{i}.jpg"), video.FramePaths.Select(Path.GetFileName));
        Assert.Equal(new Box(12, 24, 10, 20), video.GroundTruth[11]);
        Assert.Equal("trackingnet", DatasetFormats.Detect(temp.Path));
    }

    [Fact]
    public void TestChunkHasOnlyTheFirstBoxButTrainMustMatch()
    {
        using var temp = MakeTree();
        var test = new TrackingNetDataset(temp.Path).Load("zz9_1");
        Assert.Equal(new Box(5, 6, 7, 8), test.GroundTruth[0]);
        Assert.False(test.GroundTruth[2].IsFinite);

        temp.WriteText("TRAIN_0/anno/a1b2c3_0.txt", "1,2,3,4\n");
        var error = Assert.Throws<InvalidDataException>(() => new TrackingNetDataset(Path.Combine(temp.Path, "TRAIN_0")).Load("a1b2c3_0"));
        Assert.Contains("12 frames but 1 ground-truth boxes", error.Message);
    }
}
