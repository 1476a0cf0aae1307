using CsCheck;
using VilTracker.Evaluation;
using VilTracker.Geometry;

namespace VilTracker.Tests.Evaluation;

/// <summary>The three toolkits' IoU forms agree where the spec says they are the same formula.</summary>
public class ToolkitGeometryTests
{
    private static readonly Gen<Box> IntegerBox =
        Gen.Select(Gen.Int[-50, 200], Gen.Int[-50, 200], Gen.Int[2, 120], Gen.Int[2, 120], (x, y, w, h) => new Box(x, y, w, h));

    [Fact]
    public void IouFormsAgreeOnIntegerBoxes()
    {
        // With integer coordinates every operation is exact; the "+1" form of pytracking equals the plain form, and
        // got10k's eps vanishes because the union is at least 4 (eps is below half an ulp there).
        Gen.Select(IntegerBox, IntegerBox).Sample((a, b) =>
        {
            double pysot = ToolkitGeometry.PysotIou(a, b);
            Assert.Equal(pysot, ToolkitGeometry.PytrackingIou(b, a));
            Assert.Equal(pysot, ToolkitGeometry.Got10kIou(b, a));
            Assert.InRange(pysot, 0, 1);
        });
    }

    [Fact]
    public void HandComputedIous()
    {
        var g = new Box(0, 0, 10, 10);
        Assert.Equal(1 / 3.0, ToolkitGeometry.PytrackingIou(new Box(5, 0, 10, 10), g));  // 50 / 150
        Assert.Equal(0.0, ToolkitGeometry.PytrackingIou(new Box(10, 0, 10, 10), g));    // touching edges
        Assert.Equal(0.25, ToolkitGeometry.PysotIou(g, new Box(0, 0, 5, 5)));           // 25 / 100
        Assert.True(double.IsNaN(ToolkitGeometry.PysotIou(g, Box.NaN)));               // NaN propagates like numpy
    }

    [Fact]
    public void CentresUseTheMinusOneConvention()
    {
        // c = x + (w - 1) / 2: a 10 px box starting at 0 has its centre at pixel 4.5.
        Assert.Equal(4.5, ToolkitGeometry.CenterX(new Box(0, 0, 10, 4)));
        Assert.Equal(1.5, ToolkitGeometry.CenterY(new Box(0, 0, 10, 4)));
    }

    [Fact]
    public void Got10kBoundClipsPositionThenSize()
    {
        var bound = new ImageSize(100, 50);
        Assert.Equal(new Box(90, 40, 10, 10), ToolkitGeometry.Got10kBound(new Box(90, 40, 30, 30), bound));
        Assert.Equal(new Box(0, 0, 20, 5), ToolkitGeometry.Got10kBound(new Box(-10, -3, 20, 5), bound)); // shifted, not cut
        Assert.Equal(new Box(100, 50, 0, 0), ToolkitGeometry.Got10kBound(new Box(120, 60, 5, 5), bound));
    }
}
