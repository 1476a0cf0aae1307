using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Model;
using VilTracker.Tracking;
using static TorchSharp.torch;

namespace VilTracker.Tests.Tracking;

/// <summary>
/// Reading a measurement from hand-made head maps on an 8 x 8 grid (search crop 128, stride 16), checked against
/// values worked out by hand from REFERENCE-SPEC C3/C4.
/// </summary>
public class MeasurementDecodingTests
{
    // Search crop around (100, 80, 20, 20): centre (110, 90), side ceil(20·4) = 80 frame pixels, resized to 128.
    private static readonly CropWindow Crop = CropWindow.Centered(new Box(100, 80, 20, 20), 4, 128);

    /// <summary>
    /// Score 0.1 everywhere, a global peak 0.9 in the corner cell (0, 0) and 0.8 at (row 4, col 3). The Hann window
    /// for 8 cells is 0.117 at the border and 0.970 at cells 3 and 4, so windowed: corner 0.9·0.117² = 0.012,
    /// centre cell 0.8·0.970² = 0.75.
    /// </summary>
    private static TrackerOutput Maps()
    {
        var score = full(1, 1, 8, 8, 0.1f);
        score[0, 0, 0, 0] = 0.9f;
        score[0, 0, 4, 3] = 0.8f;
        var size = full(1, 2, 8, 8, 0.1f);
        size[0, 0, 4, 3] = 0.25f;   // w
        size[0, 1, 4, 3] = 0.125f;  // h
        var offset = zeros(1, 2, 8, 8);
        offset[0, 0, 4, 3] = 0.5f;  // x
        offset[0, 1, 4, 3] = 0.25f; // y
        var logVariance = zeros(1, 4, 8, 8);
        for (int c = 0; c < 4; c++) logVariance[0, c, 4, 3] = -1f - c;
        return new TrackerOutput(score, size, offset, logVariance, zeros(1, 4), zeros(1, 4, 8, 8));
    }

    [Fact]
    public void HannWindowedPeakIsDecodedAndMappedToFramePixels()
    {
        using var scope = NewDisposeScope();
        var m = ModelMeasurementSource.Read(Maps(), Crop, HannWindow.TwoD(8, 8), 400, 300, 10);
        // Normalised: cx = (3 + 0.5)/8 = 0.4375, cy = (4 + 0.25)/8 = 0.53125, w = 0.25, h = 0.125.
        // Frame: cx = 0.4375·80 + 110 − 40 = 105, cy = 0.53125·80 + 90 − 40 = 92.5, w = 20, h = 10.
        Assert.Equal(new Box(95, 87.5, 20, 10), m.Box);
        Assert.Equal(0.8, m.Confidence, 6);   // the unwindowed score at the chosen cell
        Assert.Equal(new[] { -1.0, -2, -3, -4 }, m.LogVariance);
        Assert.Equal(80, m.CropSide);
    }

    [Fact]
    public void WithoutTheWindowTheGlobalPeakWins()
    {
        using var scope = NewDisposeScope();
        var m = ModelMeasurementSource.Read(Maps(), Crop, window: null, 400, 300, 10);
        // Cell (0, 0), no offset, size 0.1 (float32): centre (0·80 + 70, 0·80 + 50), 8 x 8, which the clip's
        // minimum size (margin 10) widens to 10 x 10 from the same top-left.
        AssertBox(new Box(66, 46, 10, 10), m.Box);
        Assert.Equal(0.9, m.Confidence, 6);
        Assert.Equal(new[] { 0.0, 0, 0, 0 }, m.LogVariance);
    }

    private static void AssertBox(Box expected, Box actual)
    {
        double[] e = [expected.X, expected.Y, expected.W, expected.H], a = [actual.X, actual.Y, actual.W, actual.H];
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(e[i] - a[i]) < 1e-5, $"expected {expected}, got {actual}");
    }

    [Fact]
    public void DecodedBoxIsClippedToTheFrame()
    {
        using var scope = NewDisposeScope();
        // Box (95, 87.5, 20, 10) in a 100 x 95 frame: x1 = min(95, 90) = 90, x2 = min(115, 100) = 100, w = 10;
        // y1 = min(87.5, 85) = 85, y2 = min(97.5, 95) = 95, h = 10.
        var m = ModelMeasurementSource.Read(Maps(), Crop, HannWindow.TwoD(8, 8), 100, 95, 10);
        Assert.Equal(new Box(90, 85, 10, 10), m.Box);
    }

    [Fact]
    public void NaNMapsGiveAClearError()
    {
        using var scope = NewDisposeScope();
        var maps = Maps();
        maps.Offset[0, 0, 4, 3] = float.NaN;
        Assert.Contains("non-finite", Assert.Throws<InvalidOperationException>(
            () => ModelMeasurementSource.Read(maps, Crop, HannWindow.TwoD(8, 8), 400, 300, 10)).Message);
    }
}
