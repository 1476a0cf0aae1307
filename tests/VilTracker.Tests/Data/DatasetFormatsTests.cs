using VilTracker.Data;

namespace VilTracker.Tests.Data;

/// <summary>Format auto-detection and its errors (each layout's own test checks its detection too).</summary>
public class DatasetFormatsTests
{
    private static readonly string SotDev = SharedData.PathOf(Path.Combine("data", "sot-dev"));

    [Fact]
    public void SotDevAndOneOfItsSequencesAreGeneric()
    {
        Assert.Equal("generic", DatasetFormats.Detect(SotDev));
        Assert.Equal("generic", DatasetFormats.Detect(Path.Combine(SotDev, "bag")));
        var single = DatasetFormats.Open(Path.Combine(SotDev, "bag"));
        Assert.Equal(196, single.Load("bag").FramePaths.Count);
    }

    [Fact]
    public void ExplicitFormatIsUsedCaseInsensitively()
    {
        Assert.IsType<GenericFolderDataset>(DatasetFormats.Open(SotDev, "Generic"));
    }

    [Fact]
    public void UnknownFormatListsTheAcceptedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetFormats.Open(SotDev, "imagenet"));
        Assert.Contains("'imagenet'", error.Message);
        foreach (string format in DatasetFormats.All)
            Assert.Contains(format, error.Message);
        Assert.Equal(10, DatasetFormats.All.Count);
    }

    [Fact]
    public void UnrecognisedLayoutListsTheAcceptedFormats()
    {
        using var temp = new TempFolder();
        temp.WriteText("notes/readme.txt", "nothing here");
        var error = Assert.Throws<ArgumentException>(() => DatasetFormats.Open(temp.Path));
        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("generic, uav123, dtb70, visdrone, lasot, otb, got10k, vot, trackingnet, coco", error.Message);
    }

    [Fact]
    public void MissingPathIsNamed()
    {
        string missing = Path.Combine(Path.GetTempPath(), "viltracker-missing-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => DatasetFormats.Open(missing));
        Assert.Contains(missing, error.Message);
    }
}
