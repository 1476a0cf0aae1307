using CsCheck;
using VilTracker.Cropping;
using VilTracker.Geometry;

namespace VilTracker.Tests.Cropping;

/// <summary>OSTrack's map_box_back, its inverse, the training-target transform, and clip_box.</summary>
public class CropWindowMappingTests
{
    [Fact]
    public void MapBackOfHandWorkedPrediction()
    {
        // Previous state (100, 50, 20, 10): centre (110, 55); side ceil(sqrt(200)·4) = ceil(56.57) = 57;
        // output 256 -> resize factor 256/57, so one crop side is 57 frame pixels and half = 28.5.
        var window = CropWindow.Centered(new Box(100, 50, 20, 10), 4.0, 256);
        Assert.Equal(57, window.CropSize);
        // Prediction (cx, cy, w, h) = (0.5, 0.25, 0.1, 0.2) -> pixels (28.5, 14.25, 5.7, 11.4) relative to the crop;
        // cx = 28.5 + 110 − 28.5 = 110, cy = 14.25 + 55 − 28.5 = 40.75; box = (110 − 2.85, 40.75 − 5.7, 5.7, 11.4).
        var box = window.MapBack(new NormalizedCenterBox(0.5, 0.25, 0.1, 0.2));
        Assert.Equal(107.15, box.X, 9);
        Assert.Equal(35.05, box.Y, 9);
        Assert.Equal(5.7, box.W, 9);
        Assert.Equal(11.4, box.H, 9);
    }

    [Fact]
    public void BoxToCropAndBackIsTheIdentity()
    {
        var boxes = Gen.Select(Gen.Double[-200, 1500], Gen.Double[-200, 900], Gen.Double[1, 400], Gen.Double[1, 400]);
        boxes.Sample((x, y, w, h) =>
        {
            var around = new Box(x + w * 0.1, y - h * 0.2, w * 1.3, h * 0.8);
            var window = CropWindow.Centered(around, 4.0, 256);
            var box = new Box(x, y, w, h);
            var back = window.MapBack(window.Normalize(box));
            Assert.Equal(box.X, back.X, 1e-9);
            Assert.Equal(box.Y, back.Y, 1e-9);
            Assert.Equal(box.W, back.W, 1e-9);
            Assert.Equal(box.H, back.H, 1e-9);
        }, iter: 500);
    }

    [Fact]
    public void TrainingTargetUsesOstracksHalfPixelOffset()
    {
        // Crop centred on the ground truth itself: OSTrack puts the target centre at (256 − 1)/2 = 127.5 crop
        // pixels, i.e. 127.5/256 = 0.498046875, while the test-time inverse puts it at exactly 0.5.
        var gt = new Box(40, 30, 16, 16); // side ceil(16·4) = 64, resize factor 4
        var window = CropWindow.Centered(gt, 4.0, 256);
        var target = window.NormalizeAsTrainingTarget(gt);
        Assert.Equal(127.5 / 256, target.Cx, 12);
        Assert.Equal(127.5 / 256, target.Cy, 12);
        Assert.Equal(16 * 4 / 256.0, target.W, 12); // 0.25
        Assert.Equal(0.5, window.Normalize(gt).Cx, 12);
        // A ground truth 8 frame pixels right of the crop centre moves 8·4 = 32 crop pixels: (127.5 + 32)/256.
        Assert.Equal(159.5 / 256, window.NormalizeAsTrainingTarget(gt with { X = 48 }).Cx, 12);
    }

    [Fact]
    public void ClipKeepsTheMarginAndUsesTheUnclippedRightEdge()
    {
        // Frame 100x80. Box (−5, 75, 30, 20): x1 = min(max(0, −5), 90) = 0; x2 = min(max(10, 25), 100) = 25;
        // y1 = min(max(0, 75), 70) = 70; y2 = min(max(10, 95), 80) = 80; w = max(10, 25) = 25; h = max(10, 10) = 10.
        Assert.Equal(new Box(0, 70, 25, 10), MarginClip.Apply(new Box(-5, 75, 30, 20), 100, 80));
        // Box wholly left of the frame: x1 = 0, x2 = max(10, −20 + 5) = 10 -> w = 10 (minimum size kept).
        Assert.Equal(new Box(0, 10, 10, 10), MarginClip.Apply(new Box(-20, 10, 5, 10), 100, 80));
        // Box right of the frame: x1 = min(120, 90) = 90, x2 = min(max(10, 130), 100) = 100 -> w = 10.
        Assert.Equal(new Box(90, 10, 10, 10), MarginClip.Apply(new Box(120, 10, 10, 10), 100, 80));
        Assert.Throws<ArgumentException>(() => MarginClip.Apply(Box.NaN, 100, 80));
    }

    [Fact]
    public void JitterWithZeroFactorsKeepsTheBox()
    {
        var box = new Box(10, 20, 30, 40);
        Assert.Equal(box, CropJitter.None.Apply(box, new Random(1)));
    }

    [Fact]
    public void JitterStaysWithinItsDocumentedBounds()
    {
        var random = new Random(7);
        var box = new Box(100, 100, 40, 20);
        var jitter = new CropJitter(CenterFactor: 3, ScaleFactor: 0.25);
        var sizes = new List<double>();
        for (int i = 0; i < 2000; i++)
        {
            var j = jitter.Apply(box, random);
            double maxOffset = Math.Sqrt(j.W * j.H) * 3;
            Assert.InRange(j.CenterX - box.CenterX, -maxOffset / 2, maxOffset / 2);
            Assert.InRange(j.CenterY - box.CenterY, -maxOffset / 2, maxOffset / 2);
            sizes.Add(Math.Log(j.W / box.W));
        }
        // log(w'/w) = 0.25·N(0,1): mean near 0, standard deviation near 0.25.
        double mean = sizes.Average(), sd = Math.Sqrt(sizes.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(sd, 0.22, 0.28);
    }

    [Fact]
    public void TrainingCropTargetPointsAtTheGroundTruthInTheCropPixels()
    {
        // A bright 20x20 square on black; after a jittered crop the target box must cover the bright pixels.
        int w = 200, h = 150;
        var rgb = new byte[w * h * 3];
        for (int y = 60; y < 80; y++)
            for (int x = 90; x < 110; x++)
                rgb[(y * w + x) * 3] = 255;
        var frame = new VilTracker.Imaging.Frame(w, h, rgb);
        var crop = TrainingCrop.Sample(frame, new Box(90, 60, 20, 20), 4.0, 128, new CropJitter(1.0, 0.1), new Random(3));
        var t = crop.Target;
        int cx = (int)(t.Cx * 128), cy = (int)(t.Cy * 128);
        Assert.True(crop.Crop.Image.Rgb[(cy * 128 + cx) * 3] > 200, "the target centre should be on the bright square");
        int outside = (int)Math.Min(127, (t.Cx + t.W) * 128 + 3);
        Assert.Equal(0, crop.Crop.Image.Rgb[(cy * 128 + outside) * 3]);
    }
}
