using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Model;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

/// <summary>REFERENCE-SPEC C4 end to end on a hand-built map: window, argmax, box, map back, clip.</summary>
public class TestTimeDecodingTests
{
    [Fact]
    public void HandBuiltMapDecodesToTheHandWorkedFrameBox()
    {
        using var scope = NewDisposeScope();
        // Previous state (100, 60, 32, 32): side ceil(32·4) = 128, resize factor 256/128 = 2, half side 64.
        var window = CropWindow.Centered(new Box(100, 60, 32, 32), 4.0, 256);
        var score = full(1, 1, 16, 16, 0.01f);
        score[0, 0, 9, 8] = tensor(0.7f);                  // row 9, col 8
        var size = full(1, 2, 16, 16, 0.125f);             // 0.125 of 128 frame px = 16 px
        var offset = full(1, 2, 16, 16, 0.5f);
        var decoded = CenterDecoder.Decode(new CenterMaps(score, size, offset), HannWindow.TwoD(16, 16));
        var b = decoded.Boxes.data<float>().ToArray();
        // cx = (8 + 0.5)/16 = 0.53125, cy = (9 + 0.5)/16 = 0.59375.
        var frameBox = window.MapBack(new NormalizedCenterBox(b[0], b[1], b[2], b[3]));
        // Crop pixels per frame: 128 px; cx = 0.53125·128 + 116 − 64 = 120, cy = 0.59375·128 + 76 − 64 = 88;
        // w = h = 16 -> box (112, 80, 16, 16).
        Assert.Equal(112, frameBox.X, 1e-4);
        Assert.Equal(80, frameBox.Y, 1e-4);
        Assert.Equal(16, frameBox.W, 1e-4);
        // Clipping that box to a 120x90 frame: x1 = min(max(0, 112), 120 − 10) = 110, x2 = min(max(10, 128), 120) = 120,
        // w = max(10, 10) = 10; y1 = min(80, 90 − 10) = 80, y2 = min(96, 90) = 90, h = 10.
        Assert.Equal(new Box(110, 80, 10, 10), MarginClip.Apply(new Box(112, 80, 16, 16), 120, 90));
    }
}
