using VilTracker.Data;

namespace VilTracker.Tests.Data;

/// <summary>GOT-10k and LaSOT visibility files.</summary>
public class VisibilityLabelsTests
{
    [Fact]
    public void Got10kVisibleNeedsSomeCoverAsTheToolkitDoes()
    {
        using var temp = new TempFolder();
        string absence = temp.WriteText("absence.label", "0\n1\n0\n0\n1\n\n");
        string cover = temp.WriteText("cover.label", "8\n0\n0\n5\n3\n");
        // The toolkit keeps cover > 0 only: the last frame (absent, yet cover 3) is evaluated.
        Assert.Equal([true, false, false, true, true], VisibilityLabels.Got10kVisible(absence, cover));
        Assert.Equal([8, 0, 0, 5, 3], VisibilityLabels.ReadPerLine(cover));
        Assert.Throws<InvalidDataException>(() => VisibilityLabels.Got10kVisible(temp.WriteText("short.label", "0\n"), cover));
    }

    [Fact]
    public void LasotVisibleNeedsNeitherOcclusionNorOutOfView()
    {
        using var temp = new TempFolder();
        string occlusion = temp.WriteText("full_occlusion.txt", "0,0,1,0");
        string outOfView = temp.WriteText("out_of_view.txt", "0,1,0,0\n");
        Assert.Equal([true, false, false, true], VisibilityLabels.LasotVisible(occlusion, outOfView));
    }

    [Fact]
    public void BadGot10kLabelNamesFileAndLine()
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("absence.label", "0\nyes\n");
        var error = Assert.Throws<InvalidDataException>(() => VisibilityLabels.ReadPerLine(path));
        Assert.Contains($"{path} line 2", error.Message);
        Assert.Contains("\"yes\"", error.Message);
    }

    [Fact]
    public void LasotFlagOtherThanZeroOrOneIsAnError()
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("out_of_view.txt", "0,2,1");
        var error = Assert.Throws<InvalidDataException>(() => VisibilityLabels.ReadCommaFlags(path));
        Assert.Contains("value 2", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void LengthMismatchBetweenFlagFilesIsAnError()
    {
        using var temp = new TempFolder();
        string occlusion = temp.WriteText("full_occlusion.txt", "0,0,1");
        string outOfView = temp.WriteText("out_of_view.txt", "0,1");
        var error = Assert.Throws<InvalidDataException>(() => VisibilityLabels.LasotVisible(occlusion, outOfView));
        Assert.Contains("3 flags", error.Message);
        Assert.Contains("has 2", error.Message);
    }
}
