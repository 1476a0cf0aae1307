using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>LaSOT layout on a generated tree: category folders, natural order, visibility flags.</summary>
public class LasotDatasetTests
{
    private static TempFolder MakeTree()
    {
        var temp = new TempFolder();
        foreach (string name in new[] { "airplane-1", "airplane-10", "airplane-2" })
        {
            temp.WriteFrames($"airplane/{name}/img", 1, 5, i => $"{i:D8}.jpg");
            temp.WriteText($"airplane/{name}/groundtruth.txt", TempFolder.Boxes(5));
            temp.WriteText($"airplane/{name}/full_occlusion.txt", "0,0,1,0,0");
            temp.WriteText($"airplane/{name}/out_of_view.txt", "0,0,0,1,0");
        }
        temp.WriteFrames("bear/bear-3/img", 1, 2, i => $"{i:D8}.jpg");
        temp.WriteText("bear/bear-3/groundtruth.txt", TempFolder.Boxes(2));
        return temp;
    }

    [Fact]
    public void ReadsSequencesInNaturalOrderWithVisibility()
    {
        using var temp = MakeTree();
        var dataset = new LasotDataset(temp.Path);
        Assert.Equal(["airplane-1", "airplane-2", "airplane-10", "bear-3"], dataset.SequenceNames);
        var plane = dataset.Load("airplane-10");
        Assert.Equal("lasot", plane.Dataset);
        Assert.Equal(new Box(3, 6, 10, 20), plane.GroundTruth[2]);
        Assert.Equal([true, true, false, false, true], plane.TargetVisible);
        Assert.Contains(Path.Combine("airplane", "airplane-10", "img"), plane.FramePaths[0]);
        Assert.Null(dataset.Load("bear-3").TargetVisible);
        Assert.Equal("lasot", DatasetFormats.Detect(temp.Path));
    }

    [Fact]
    public void VisibilityOfTheWrongLengthIsAnError()
    {
        using var temp = MakeTree();
        temp.WriteText("airplane/airplane-2/full_occlusion.txt", "0,0,1,0");
        temp.WriteText("airplane/airplane-2/out_of_view.txt", "0,0,0,1");
        var error = Assert.Throws<InvalidDataException>(() => new LasotDataset(temp.Path).Load("airplane-2"));
        Assert.Contains("5 frames but 4 visibility flags", error.Message);
    }
}
