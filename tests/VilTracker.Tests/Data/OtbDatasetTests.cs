using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>OTB layout on a generated tree: two-target folders, separators, toolkit start frames.</summary>
public class OtbDatasetTests
{
    private static TempFolder MakeTree()
    {
        var temp = new TempFolder();
        temp.WriteFrames("Jogging/img", 1, 6, i => $"{i:D4}.jpg");
        temp.WriteText("Jogging/groundtruth_rect.1.txt", TempFolder.Boxes(6, separator: "\t"));
        temp.WriteText("Jogging/groundtruth_rect.2.txt", TempFolder.Boxes(6, first: 100, separator: " "));
        temp.WriteFrames("Basketball/img", 1, 3, i => $"{i:D4}.jpg");
        temp.WriteText("Basketball/groundtruth_rect.txt", TempFolder.Boxes(3));
        return temp;
    }

    [Fact]
    public void TwoTargetFolderGivesTwoSequencesSharingFrames()
    {
        using var temp = MakeTree();
        var dataset = new OtbDataset(temp.Path);
        Assert.Equal(["Basketball", "Jogging-1", "Jogging-2"], dataset.SequenceNames);
        var first = dataset.Load("Jogging-1");
        var second = dataset.Load("Jogging-2");
        Assert.Equal("otb", first.Dataset);
        Assert.Equal(first.FramePaths, second.FramePaths);
        Assert.Equal(new Box(1, 2, 10, 20), first.GroundTruth[0]);
        Assert.Equal(new Box(100, 200, 10, 20), second.GroundTruth[0]);
        Assert.Equal(3, dataset.Load("Basketball").GroundTruth.Count);
    }

    [Fact]
    public void AnnotationCoveringPartOfTheFolderNeedsItsToolkitRange()
    {
        using var temp = MakeTree();
        temp.WriteFrames("David/img", 1, 10, i => $"{i:D4}.jpg");
        temp.WriteText("David/groundtruth_rect.txt", TempFolder.Boxes(4, first: 5));
        var error = Assert.Throws<InvalidDataException>(() => new OtbDataset(temp.Path).Load("David"));
        Assert.Contains("'David'", error.Message);
        Assert.Contains("10 frames but 4 ground-truth boxes", error.Message);

        temp.WriteText("frame_ranges.tsv", "David\tDavid\t5\t8\n");
        var david = new OtbDataset(temp.Path).Load("David");
        Assert.Equal(["0005.jpg", "0006.jpg", "0007.jpg", "0008.jpg"], david.FramePaths.Select(Path.GetFileName));
        Assert.Equal(new Box(5, 10, 10, 20), david.GroundTruth[0]);
    }

    [Fact]
    public void LayoutIsDetected()
    {
        using var temp = MakeTree();
        Assert.Equal("otb", DatasetFormats.Detect(temp.Path));
        Assert.IsType<OtbDataset>(DatasetFormats.Open(temp.Path));
    }
}
