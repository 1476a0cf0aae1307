using VilTracker.Evaluation;
using VilTracker.Geometry;
using static VilTracker.Tests.Evaluation.TestSequences;

namespace VilTracker.Tests.Evaluation;

/// <summary>got-10k toolkit rules (spec B3) on hand-computed sequences. G = (0,0,10,10).</summary>
public class Got10kEvaluatorTests
{
    private static readonly Box G = new(0, 0, 10, 10);
    private readonly Got10kEvaluator _eval = new();

    [Fact]
    public void OtbStyleForcesFirstFrameAndTruncatesToTheShorterLength()
    {
        // 4 GT frames, 3 predicted: f0 forced (IoU 1), f1 perfect, f2 far -> 3 frames counted: 2/3 above 0.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 4)), Run(new Box(90, 90, 9, 9), G, new Box(60, 60, 10, 10)));
        Assert.Equal(3, m.CountedFrames);
        Assert.Equal(2 / 3.0, m.SuccessCurve[0]);
        Assert.Equal(2 / 3.0, m.Precision);
    }

    [Fact]
    public void OtbStyleCountsNaNGroundTruthAsFailureButUavAndLasotDropIt()
    {
        var gt = new[] { G, G, Box.NaN, G };
        var otb = _eval.EvaluateSequence(Make("otb", gt), Run(Repeat(G, 4)));
        Assert.Equal(4, otb.CountedFrames);
        Assert.Equal(0.75, otb.SuccessCurve[0]);    // NaN IoU is never > thr
        Assert.Equal(0.75, otb.Precision);
        var uav = _eval.EvaluateSequence(Make("uav123", gt), Run(Repeat(G, 4)));
        Assert.Equal(3, uav.CountedFrames);
        Assert.Equal(1.0, uav.SuccessCurve[0]);
        var lasot = _eval.EvaluateSequence(Make("lasot", gt, [true, true, false, true]), Run(Repeat(G, 4)));
        Assert.Equal(1.0, lasot.Precision);
    }

    [Fact]
    public void LasotAbsentButAnnotatedFramesStillCount()
    {
        // got10k's LaSOT experiment drops only NaN rows, not frames flagged invisible.
        var m = _eval.EvaluateSequence(Make("lasot", Repeat(G, 2), [true, false]), Run(G, new Box(50, 50, 10, 10)));
        Assert.Equal(2, m.CountedFrames);
        Assert.Equal(0.5, m.SuccessCurve[0]);
    }

    [Fact]
    public void NormalisedPrecisionScoreIsTheMeanOfTheCurve()
    {
        // f1 shifted 3 px on a 10 px box: normalised error 3 / max(1, 10) = 0.3; linspace(0, 0.5, 51)[30] = 30 * 0.01 = 0.3
        // in float64 too, so the inclusive test passes there. f0 (error 0) always passes:
        // curve = 0.5 for indices 0..29, 1 for 30..50 -> mean (30 * 0.5 + 21 * 1) / 51 = 36 / 51.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, new Box(3, 0, 10, 10)));
        Assert.Equal(0.5, m.NormPrecisionCurve![29]);
        Assert.Equal(1.0, m.NormPrecisionCurve[30]);
        Assert.Equal(36 / 51.0, m.NormPrecision!.Value, 14);
        Assert.NotEqual(m.NormPrecisionCurve[20], m.NormPrecision!.Value);         // differs from the value at 0.20
    }

    [Fact]
    public void NormalisedErrorDividesByAtLeastOnePixel()
    {
        // GT (0,0,0.5,0.5), centre -0.25; prediction shifted 0.4 px: error 0.4 / max(1, 0.5) = 0.4 -> fails 0.35, passes 0.41.
        var gt = Repeat(new Box(0, 0, 0.5, 0.5), 2);
        var m = _eval.EvaluateSequence(Make("otb", gt), Run(gt[0], new Box(0.4, 0, 0.5, 0.5)));
        Assert.Equal(0.5, m.NormPrecisionCurve![35]);
        Assert.Equal(1.0, m.NormPrecisionCurve[41]);
    }

    [Fact]
    public void Got10kExcludesFirstFrameAndHiddenFrames()
    {
        // 4 frames: f0 excluded (even though it is wrong), f1 perfect, f2 hidden (cover 0) -> skipped, f3 IoU 1/3.
        var seq = Make("got10k", Repeat(G, 4), [true, true, false, true]);
        var m = _eval.EvaluateSequence(seq, Run(new Box(70, 70, 5, 5), G, new Box(70, 70, 5, 5), new Box(5, 0, 10, 10)), new ImageSize(100, 100));
        Assert.Equal(2, m.CountedFrames);
        Assert.Equal((1 + 1 / 3.0) / 2, m.Auc, 12);   // AO
        Assert.Equal(0.5, m.Op50);                    // SR0.50: only the IoU-1 frame
        Assert.Equal(0.5, m.Op75);
        Assert.Equal(101, m.SuccessCurve.Values.Count);
        Assert.Null(m.Precision);
    }

    [Fact]
    public void Got10kClipsBothBoxesToTheImage()
    {
        var size = new ImageSize(20, 20);
        // GT (15,15,10,10) -> (15,15,5,5); prediction (15,15,5,5) -> IoU 1 (unclipped it would be 25/100).
        var inside = _eval.EvaluateSequence(Make("got10k", Repeat(new Box(15, 15, 10, 10), 2)), Run(G, new Box(15, 15, 5, 5)), size);
        Assert.Equal(1.0, inside.Auc);
        // x = -5 is clipped to 0 but w = clip(10, 0, 20 - 0) stays 10: the box moves to (0,0,10,10) -> IoU 1 with G.
        var shifted = _eval.EvaluateSequence(Make("got10k", Repeat(G, 2)), Run(G, new Box(-5, 0, 10, 10)), size);
        Assert.Equal(1.0, shifted.Auc);
        Assert.Throws<ArgumentException>(() => _eval.EvaluateSequence(Make("got10k", Repeat(G, 2)), Run(G, G)));
    }

    [Fact]
    public void Got10kConcatenatesRunsAndPoolsFramesOverSequences()
    {
        var size = new ImageSize(100, 100);
        // A: two runs of 3 frames: run 1 frames 1,2 IoU 1 and 1/3; run 2 frames 1,2 IoU 1 and 1 -> AO (1 + 1/3 + 1 + 1) / 4.
        var a = _eval.EvaluateSequence(Make("got10k", Repeat(G, 3), name: "a"),
            [[G, G, new Box(5, 0, 10, 10)], [G, G, G]], size);
        Assert.Equal(4, a.CountedFrames);
        Assert.Equal((3 + 1 / 3.0) / 4, a.Auc, 12);
        // B: 5 frames, frames 1..4 IoU 0 -> AO 0.
        var far = new Box(50, 50, 10, 10);
        var b = _eval.EvaluateSequence(Make("got10k", Repeat(G, 5), name: "b"), Run(G, far, far, far, far), size);
        var t = _eval.Summarize("trk", [a, b]);
        // frame-weighted: (3 + 1/3) / (4 + 4) = 0.41666...; a sequence average would give (0.8333 + 0) / 2.
        Assert.Equal((3 + 1 / 3.0) / 8, t.Auc, 12);
        Assert.Equal(3 / 8.0, t.Op50);
        Assert.Null(t.PrecisionCurve);
    }

    [Fact]
    public void Got10kRunsMustCoverEveryFrame()
    {
        Assert.Throws<InvalidDataException>(() =>
            _eval.EvaluateSequence(Make("got10k", Repeat(G, 3)), Run(G, G), new ImageSize(100, 100)));
    }

    [Fact]
    public void Got10kTestSplitWithoutGroundTruthIsRefusedNamingTheFrame()
    {
        // The test split ships only the first box; later rows are NaN and carry no visibility labels.
        var seq = Make("got10k", [G, Box.NaN, Box.NaN]);
        var error = Assert.Throws<InvalidDataException>(() => _eval.EvaluateSequence(seq, Run(G, G, G), new ImageSize(100, 100)));
        Assert.Contains("frame 2", error.Message);
        Assert.Contains("test split", error.Message);
    }

    [Fact]
    public void OtbSummaryAveragesCurvesAndRejectsMixingWithGot10k()
    {
        var a = _eval.EvaluateSequence(Make("otb", Repeat(G, 2), name: "a"), Run(G, new Box(50, 50, 10, 10)));
        var b = _eval.EvaluateSequence(Make("otb", Repeat(G, 2), name: "b"), Run(G, G));
        var t = _eval.Summarize("trk", [a, b]);
        Assert.Equal((0.5 * 20 / 21 + 20.0 / 21) / 2, t.Auc, 12);
        var g = _eval.EvaluateSequence(Make("got10k", Repeat(G, 2), name: "g"), Run(G, G), new ImageSize(100, 100));
        Assert.Throws<InvalidOperationException>(() => _eval.Summarize("trk", [a, g]));
    }

    [Fact]
    public void Got10kIouAddsNumpyEpsilonToTheUnion()
    {
        // identical 0.1 x 0.1 boxes: 0.01 / (0.01 + 2.220446049250313e-16) is just below 1; 10 x 10 boxes give exactly 1.
        var tiny = new Box(0, 0, 0.1, 0.1);
        double inter = 0.1 * 0.1;
        Assert.Equal(inter / (inter + inter - inter + 2.220446049250313e-16), ToolkitGeometry.Got10kIou(tiny, tiny));
        Assert.True(ToolkitGeometry.Got10kIou(tiny, tiny) < 1.0);
        Assert.Equal(1.0, ToolkitGeometry.Got10kIou(G, G));
    }
}
