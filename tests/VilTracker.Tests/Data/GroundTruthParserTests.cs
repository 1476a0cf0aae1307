using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>Ground-truth line formats: separators, fractions, NaN, VOT polygons, and malformed lines.</summary>
public class GroundTruthParserTests
{
    [Theory]
    [InlineData("10,20,30,40")]
    [InlineData("10\t20\t30\t40")]
    [InlineData("10 20 30 40")]
    [InlineData("  10   20\t 30  40  ")]
    [InlineData("10, 20, 30, 40")]
    [InlineData("10.0,20.00,3e1,40\r")]
    public void FourValuesInAnySeparatorGiveTheSameBox(string line)
    {
        Assert.Equal(new Box(10, 20, 30, 40), GroundTruthParser.ParseLine(line, "gt.txt", 1));
    }

    [Fact]
    public void FractionalValuesAreKept()
    {
        Assert.Equal(new Box(1.5, -2.25, 30.125, 0.5), GroundTruthParser.ParseLine("1.5,-2.25,30.125,0.5", "gt.txt", 1));
    }

    [Theory]
    [InlineData("NaN,NaN,NaN,NaN")]
    [InlineData("nan nan nan nan")]
    [InlineData("NaN\tNaN\tNaN\tNaN")]
    public void NaNRowsGiveTheNaNBox(string line)
    {
        var box = GroundTruthParser.ParseLine(line, "gt.txt", 1);
        Assert.False(box.IsFinite);
        Assert.True(double.IsNaN(box.X) && double.IsNaN(box.Y) && double.IsNaN(box.W) && double.IsNaN(box.H));
    }

    [Fact]
    public void PolygonBecomesItsMinMaxBox()
    {
        // A rotated square around (50,50): corners (50,30) (70,50) (50,70) (30,50) -> x 30..70, y 30..70.
        var box = GroundTruthParser.ParseLine("50,30,70,50,50,70,30,50", "gt.txt", 1);
        Assert.Equal(new Box(30, 30, 40, 40), box);
    }

    [Fact]
    public void AxisAlignedPolygonEqualsItsRectangle()
    {
        var box = GroundTruthParser.ParseLine("492.000,463.000,539.000,463.000,539.000,417.000,492.000,417.000", "gt.txt", 1);
        Assert.Equal(new Box(492, 417, 47, 46), box);
    }

    [Fact]
    public void TrailingEmptyLinesAreIgnored()
    {
        var boxes = GroundTruthParser.ParseLines(["1,2,3,4", "5 6 7 8", "", "  ", ""], "gt.txt");
        Assert.Equal([new Box(1, 2, 3, 4), new Box(5, 6, 7, 8)], boxes);
    }

    [Theory]
    [InlineData("1,2,3", "line 2", "found 3")]
    [InlineData("1,2,3,4,5", "line 2", "found 5")]
    [InlineData("1,2,x,4", "line 2", "\"x\" is not a number")]
    [InlineData("1,,3,4", "line 2", "value 2 is empty")]
    [InlineData("1,2,Infinity,4", "line 2", "infinite")]
    [InlineData("m1,2,3,4", "line 2", "mask")]
    public void MalformedLineNamesFileLineAndProblem(string bad, string expectedLine, string expectedProblem)
    {
        var error = Assert.Throws<InvalidDataException>(() => GroundTruthParser.ParseLines(["1,2,3,4", bad, "5,6,7,8"], "seq/groundtruth.txt"));
        Assert.Contains("seq/groundtruth.txt", error.Message);
        Assert.Contains(expectedLine, error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }

    [Fact]
    public void EmptyLineInTheMiddleIsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() => GroundTruthParser.ParseLines(["1,2,3,4", "", "5,6,7,8"], "gt.txt"));
        Assert.Contains("gt.txt line 2", error.Message);
    }

    [Fact]
    public void ReadFileNamesAMissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "viltracker-no-such-dir", "groundtruth.txt");
        var error = Assert.Throws<FileNotFoundException>(() => GroundTruthParser.ReadFile(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadFileReportsTheLineNumberInTheFile()
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("groundtruth.txt", "1,2,3,4\n5,6,7,8\n9,10,11\n");
        var error = Assert.Throws<InvalidDataException>(() => GroundTruthParser.ReadFile(path));
        Assert.Contains($"{path} line 3", error.Message);
    }
}
