using VilTracker.Training.Targets;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

/// <summary>Heat-map targets against hand-worked boxes (REFERENCE-SPEC C5).</summary>
public class CenterHeatMapTests
{
    private static float[,] Map(Tensor maps, int index)
    {
        var m = maps[index];
        var result = new float[m.shape[0], m.shape[1]];
        var data = m.data<float>().ToArray();
        for (int i = 0; i < data.Length; i++) result[i / m.shape[1], i % m.shape[1]] = data[i];
        return result;
    }

    [Fact]
    public void RadiusMatchesTheHandWorkedFormula()
    {
        using var scope = NewDisposeScope();
        // 4x4 cells: r3 = (−2·0.7·8 + sqrt(11.2² + 4·(4·0.7)·0.3·16))/2 = (−11.2 + sqrt(125.44 + 53.76))/2
        //          = (−11.2 + 13.38656)/2 = 1.09328; r1 = (8 + sqrt(64 − 4·16·0.3/1.7))/2 = 7.6300;
        //          r2 = (16 + sqrt(256 − 16·4.8))/2 = 14.6933. min = 1.09328.
        var r = CenterHeatMap.Radius(tensor(new[] { 4f, 8f, 1f }), tensor(new[] { 4f, 8f, 1f })).data<float>().ToArray();
        Assert.Equal(1.09328, r[0], 4);
        // 8x8 cells: (−22.4 + sqrt(501.76 + 11.2·19.2))/2 = (−22.4 + 26.77312)/2 = 2.18656.
        Assert.Equal(2.18656, r[1], 4);
        // 1x1 cell: (−2.8 + sqrt(7.84 + 11.2·0.3))/2 = (−2.8 + 3.34664)/2 = 0.27332.
        Assert.Equal(0.27332, r[2], 4);
    }

    [Fact]
    public void FourCellBoxGivesRadiusOneGaussianAtItsCentre()
    {
        using var scope = NewDisposeScope();
        // Normalised (0.25, 0.25, 0.25, 0.25) on 16x16 -> cells (4, 4, 4, 4), centre round(4 + 2) = 6, radius 1,
        // σ = 3/6 = 0.5: centre 1, edge neighbours exp(−1/(2·0.25)) = e^−2, diagonal ones e^−4, nothing else.
        var map = Map(CenterHeatMap.Generate(tensor(new[] { 0.25f, 0.25f, 0.25f, 0.25f }).view(1, 4), 16, 16), 0);
        Assert.Equal(1f, map[6, 6]);
        Assert.Equal((float)Math.Exp(-2), map[5, 6]);
        Assert.Equal((float)Math.Exp(-2), map[6, 7]);
        Assert.Equal((float)Math.Exp(-4), map[7, 7]);
        Assert.Equal((float)Math.Exp(-4), map[5, 5]);
        Assert.Equal(9, map.Cast<float>().Count(v => v > 0));
        Assert.Equal(0f, map[6, 8]);
    }

    [Fact]
    public void EightCellBoxGivesRadiusTwoAndBatchElementsAreIndependent()
    {
        using var scope = NewDisposeScope();
        var boxes = tensor(new[] { 0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.125f, 0.5f, 0.5f }).view(2, 4);
        var maps = CenterHeatMap.Generate(boxes, 16, 16);
        Assert.Equal(new long[] { 2, 16, 16 }, maps.shape);
        var second = Map(maps, 1);
        // Cells (8, 2, 8, 8): centre (12, 6), radius 2, σ = 5/6, 2σ² = 1.388889:
        // (dx, dy) = (2, 0): exp(−4/1.388889) = e^−2.88; (2, 2): e^−5.76; (3, 0) is outside the radius.
        Assert.Equal(1f, second[6, 12]);
        Assert.Equal((float)Math.Exp(-2.88), second[6, 14], 6);
        Assert.Equal((float)Math.Exp(-5.76), second[8, 10], 6);
        Assert.Equal(0f, second[6, 15]);
        Assert.Equal(25, second.Cast<float>().Count(v => v > 0));
        Assert.Equal(9, Map(maps, 0).Cast<float>().Count(v => v > 0));
    }

    [Fact]
    public void CentreRoundsHalfToEvenAndTinyBoxesHaveOnePositive()
    {
        using var scope = NewDisposeScope();
        // Cells: x = 6, w = 1 -> centre x 6.5 -> 6 (even); y = 7, h = 1 -> 7.5 -> 8. Radius 0 (see above): one cell.
        var map = Map(CenterHeatMap.Generate(tensor(new[] { 6 / 16f, 7 / 16f, 1 / 16f, 1 / 16f }).view(1, 4), 16, 16), 0);
        Assert.Equal(1f, map[8, 6]);
        Assert.Equal(1, map.Cast<float>().Count(v => v > 0));
    }

    [Fact]
    public void GaussiansAreClippedAtTheBorder()
    {
        using var scope = NewDisposeScope();
        // Cells (−2, −2, 4, 4): centre (0, 0), radius 1 -> only (0,0), (1,0), (0,1), (1,1) fall on the map.
        var map = Map(CenterHeatMap.Generate(tensor(new[] { -2 / 16f, -2 / 16f, 4 / 16f, 4 / 16f }).view(1, 4), 16, 16), 0);
        Assert.Equal(1f, map[0, 0]);
        Assert.Equal((float)Math.Exp(-2), map[0, 1]);
        Assert.Equal((float)Math.Exp(-4), map[1, 1]);
        Assert.Equal(4, map.Cast<float>().Count(v => v > 0));
    }

    [Fact]
    public void BadBoxesAreRejected()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => CenterHeatMap.Generate(tensor(new[] { 0.1f, float.NaN, 0.2f, 0.2f }).view(1, 4), 16, 16));
        Assert.Throws<ArgumentException>(() => CenterHeatMap.Generate(zeros(2, 3), 16, 16));
    }
}
