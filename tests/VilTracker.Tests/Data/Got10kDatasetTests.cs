using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>GOT-10k layout on a generated tree: splits, list.txt, labels, first-frame-only test boxes.</summary>
public class Got10kDatasetTests
{
    private static TempFolder MakeTree()
    {
        var temp = new TempFolder();
        const string train = "train/GOT-10k_Train_000001";
        temp.WriteFrames(train, 1, 4, i => $"{i:D8}.jpg");
        temp.WriteText($"{train}/groundtruth.txt", TempFolder.Boxes(4));
        temp.WriteText($"{train}/absence.label", "0\n0\n1\n0\n");
        temp.WriteText($"{train}/cover.label", "8\n0\n0\n3\n");
        temp.WriteText("train/list.txt", "GOT-10k_Train_000001\n");
        const string test = "test/GOT-10k_Test_000001";
        temp.WriteFrames(test, 1, 3, i => $"{i:D8}.jpg");
        temp.WriteText($"{test}/groundtruth.txt", "5,6,7,8\n");
        return temp;
    }

    [Fact]
    public void ReadsAllSplitsWithVisibility()
    {
        using var temp = MakeTree();
        var dataset = new Got10kDataset(temp.Path);
        Assert.Equal(["GOT-10k_Train_000001", "GOT-10k_Test_000001"], dataset.SequenceNames);
        var train = dataset.Load("GOT-10k_Train_000001");
        Assert.Equal("got10k", train.Dataset);
        Assert.Equal(4, train.FramePaths.Count);
        Assert.Equal([true, false, false, true], train.TargetVisible);
        Assert.Equal(new Box(4, 8, 10, 20), train.GroundTruth[3]);
        Assert.Equal("got10k", DatasetFormats.Detect(temp.Path));
    }

    [Fact]
    public void TestSplitHasOnlyTheFirstBox()
    {
        using var temp = MakeTree();
        var test = new Got10kDataset(Path.Combine(temp.Path, "test")).Load("GOT-10k_Test_000001");
        Assert.Equal(3, test.GroundTruth.Count);
        Assert.Equal(new Box(5, 6, 7, 8), test.GroundTruth[0]);
        Assert.False(test.GroundTruth[1].IsFinite);
        Assert.False(test.GroundTruth[2].IsFinite);
        Assert.Null(test.TargetVisible);
    }

    [Fact]
    public void TrainSequenceWithOneBoxIsACountMismatch()
    {
        using var temp = MakeTree();
        temp.WriteText("train/GOT-10k_Train_000001/groundtruth.txt", "1,2,3,4\n");
        var error = Assert.Throws<InvalidDataException>(() => new Got10kDataset(temp.Path).Load("GOT-10k_Train_000001"));
        Assert.Contains("4 frames but 1 ground-truth boxes", error.Message);
    }

    [Fact]
    public void ListedSequenceWithoutFolderIsAnError()
    {
        using var temp = MakeTree();
        temp.WriteText("train/list.txt", "GOT-10k_Train_000001\nGOT-10k_Train_000002\n");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new Got10kDataset(temp.Path));
        Assert.Contains("GOT-10k_Train_000002", error.Message);
        Assert.Contains("list.txt", error.Message);
    }
}
