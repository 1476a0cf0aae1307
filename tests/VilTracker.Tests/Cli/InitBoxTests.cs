using VilTracker.Cli;
using VilTracker.Geometry;

namespace VilTracker.Tests.Cli;

public sealed class InitBoxTests
{
    [Theory]
    [InlineData("10,20,30,40", 10, 20, 30, 40)]
    [InlineData(" 292.23, 128.36 ,145.96,132.47", 292.23, 128.36, 145.96, 132.47)]
    [InlineData("-5,0,1e1,2.5", -5, 0, 10, 2.5)]
    public void ParsesFourNumbers(string text, double x, double y, double w, double h) =>
        Assert.Equal(new Box(x, y, w, h), InitBox.Parse(text));

    [Theory]
    [InlineData("10,20,30", "3 value(s)")]
    [InlineData("10,20,30,40,50", "5 value(s)")]
    [InlineData("10;20;30;40", "1 value(s)")]
    [InlineData("10,abc,30,40", "y = 'abc'")]
    [InlineData("10,20,NaN,40", "w = 'NaN'")]
    [InlineData("10,20,30,", "h = ''")]
    [InlineData("10,20,0,40", "width 0")]
    [InlineData("10,20,30,-4", "height -4")]
    public void RejectsBadTextWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => InitBox.Parse(text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void CentreMustLieInsideTheFirstFrame()
    {
        InitBox.CheckInside(new Box(-10, -10, 30, 30), 100, 50);
        InitBox.CheckInside(new Box(90, 40, 10, 10), 100, 50);
        var error = Assert.Throws<ArgumentException>(() => InitBox.CheckInside(new Box(95, 10, 20, 20), 100, 50));
        Assert.Contains("(105, 20)", error.Message);
        Assert.Contains("100x50", error.Message);
        Assert.Throws<ArgumentException>(() => InitBox.CheckInside(new Box(10, -30, 20, 20), 100, 50));
    }
}
