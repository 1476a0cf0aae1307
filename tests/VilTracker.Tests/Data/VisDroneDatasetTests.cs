using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>VisDrone-SOT layout on a generated tree.</summary>
public class VisDroneDatasetTests
{
    [Fact]
    public void ReadsSequencesFromSequencesAndAnnotations()
    {
        using var temp = new TempFolder();
        const string name = "uav0000003_00000_s";
        temp.WriteFrames($"sequences/{name}", 1, 4, i => $"img{i:D7}.jpg");
        temp.WriteText($"annotations/{name}.txt", TempFolder.Boxes(4));

        var dataset = new VisDroneDataset(temp.Path);
        Assert.Equal([name], dataset.SequenceNames);
        var sequence = dataset.Load(name);
        Assert.Equal("visdrone", sequence.Dataset);
        Assert.Equal("img0000004.jpg", Path.GetFileName(sequence.FramePaths[3]));
        Assert.Equal(new Box(4, 8, 10, 20), sequence.GroundTruth[3]);
        Assert.Equal("visdrone", DatasetFormats.Detect(temp.Path));
    }
}
