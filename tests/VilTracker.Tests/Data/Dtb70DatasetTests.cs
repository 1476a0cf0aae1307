using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>DTB70 layout on a generated tree.</summary>
public class Dtb70DatasetTests
{
    [Fact]
    public void ReadsSequencesAndIsDetectedByFolderName()
    {
        using var temp = new TempFolder();
        temp.WriteFrames("DTB70/Gull1/img", 1, 5, i => $"{i:D5}.jpg");
        temp.WriteText("DTB70/Gull1/groundtruth_rect.txt", TempFolder.Boxes(5));
        temp.WriteFrames("DTB70/Animal2/img", 1, 3, i => $"{i:D5}.jpg");
        temp.WriteText("DTB70/Animal2/groundtruth_rect.txt", TempFolder.Boxes(3));
        string root = Path.Combine(temp.Path, "DTB70");

        var dataset = new Dtb70Dataset(root);
        Assert.Equal(["Animal2", "Gull1"], dataset.SequenceNames);
        var gull = dataset.Load("Gull1");
        Assert.Equal("dtb70", gull.Dataset);
        Assert.Equal(5, gull.FramePaths.Count);
        Assert.Equal(new Box(5, 10, 10, 20), gull.GroundTruth[4]);
        Assert.Equal("dtb70", DatasetFormats.Detect(root));
        Assert.IsType<Dtb70Dataset>(DatasetFormats.Open(root));
    }

    [Fact]
    public void FrameCountMismatchIsAnError()
    {
        using var temp = new TempFolder();
        temp.WriteFrames("Gull1/img", 1, 5, i => $"{i:D5}.jpg");
        temp.WriteText("Gull1/groundtruth_rect.txt", TempFolder.Boxes(4));
        var error = Assert.Throws<InvalidDataException>(() => new Dtb70Dataset(temp.Path).Load("Gull1"));
        Assert.Contains("'Gull1'", error.Message);
        Assert.Contains("5 frames but 4 ground-truth boxes", error.Message);
    }
}
