using VilTracker.Evaluation;
using VilTracker.Geometry;
using static VilTracker.Tests.Evaluation.TestSequences;

namespace VilTracker.Tests.Evaluation;

/// <summary>pysot-toolkit rules (spec B2) on hand-computed sequences. G = (10,10,10,10), centre 10 + 9/2 = 14.5.</summary>
public class PysotEvaluatorTests
{
    private static readonly Box G = new(10, 10, 10, 10);
    private readonly PysotEvaluator _eval = new();

    [Fact]
    public void FirstFrameIsNotForcedToGroundTruth()
    {
        // f0 predicted far away: IoU 0, centre error sqrt(100^2+100^2) -> fails; f1 perfect.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(new Box(110, 110, 10, 10), G));
        Assert.Equal(0.5, m.SuccessCurve[0]);
        Assert.Equal(0.5, m.Precision);
        Assert.Equal(0.5 * 20 / 21, m.Auc, 12);
    }

    [Fact]
    public void SuccessStrictPrecisionInclusive()
    {
        // f1 = (10,10,10,5): 50 / (100 + 50 - 50) = 0.5 -> not > 0.5; f2 = (30,10,10,10): centre 34.5 vs 14.5 -> 20 px, counted.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 3)), Run(G, new Box(10, 10, 10, 5), new Box(30, 10, 10, 10)));
        Assert.Equal(2 / 3.0, m.SuccessCurve[9]);   // 0.45: f0 (1) and f1 (0.5)
        Assert.Equal(1 / 3.0, m.Op50);              // 0.5: only f0
        Assert.Equal(1.0, m.Precision);             // errors 0, 2.5, 20 -> all <= 20
        Assert.Equal(2 / 3.0, m.PrecisionCurve![19]);
    }

    [Fact]
    public void InvalidGroundTruthFailsSuccessButCountsAsPrecise()
    {
        // f1 GT all zero: success mask needs x,y,w,h > 0 -> IoU -1; GT centre (-0.5,-0.5) not > 0 -> distance -1 -> correct.
        // f2 GT (0,5,10,10) has x = 0: success mask fails although the size is valid; centre (4.5, 9.5) > 0 -> distance 0.
        var gt = new[] { G, new Box(0, 0, 0, 0), new Box(0, 5, 10, 10) };
        var pred = new[] { G, new Box(300, 300, 10, 10), new Box(0, 5, 10, 10) };
        var m = _eval.EvaluateSequence(Make("otb", gt), Run(pred));
        Assert.Equal(1 / 3.0, m.SuccessCurve[0]);
        Assert.Equal(1.0, m.PrecisionCurve![0]);
        Assert.Equal(1.0, m.NormPrecisionCurve![0]);
    }

    [Fact]
    public void GroundTruthCentreOnTheImageEdgeSkipsTheDistanceChecks()
    {
        // GT (0,10,1,10): centre x = 0 + (1 - 1) / 2 = 0, normalised 0 / (1 + 1e-16) = 0; neither is > 0, so the
        // frame keeps distance -1 and counts as precise although the prediction is 100 px away; its IoU is -1.
        var gt = new[] { G, new Box(0, 10, 1, 10) };
        var m = _eval.EvaluateSequence(Make("otb", gt), Run(G, new Box(100, 10, 1, 10)));
        Assert.Equal(1.0, m.PrecisionCurve![0]);
        Assert.Equal(1.0, m.NormPrecisionCurve![0]);
        Assert.Equal(0.5, m.SuccessCurve[0]);
    }

    [Fact]
    public void NaNPredictionIsAFailureNotAnError()
    {
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, Box.NaN));
        Assert.Equal(0.5, m.SuccessCurve[0]);
        Assert.Equal(0.5, m.PrecisionCurve![50]);
    }

    [Fact]
    public void NormalisedPrecisionDividesCentresByGroundTruthSize()
    {
        // f1 shifted 3 px in x: normalised centres 17.5/10 - 14.5/10 = 0.3 -> fails at 0.20, passes at 0.35.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, new Box(13, 10, 10, 10)));
        Assert.Equal(0.5, m.NormPrecision);
        Assert.Equal(1.0, m.NormPrecisionCurve![35]);
        Assert.Equal(0.5, m.NormPrecisionCurve[29]);
    }

    [Fact]
    public void LasotAbsentFramesAreDroppedButStayInTheDenominator()
    {
        // 4 frames, frame 3 not visible: 3 perfect frames remain, divided by n_frame = 4 -> 0.75 even at thr 0 and 50 px.
        var m = _eval.EvaluateSequence(Make("lasot", Repeat(G, 4), [true, true, false, true]), Run(Repeat(G, 4)));
        Assert.Equal(0.75, m.SuccessCurve[0]);
        Assert.Equal(0.75, m.PrecisionCurve![50]);
        Assert.Equal(0.75, m.NormPrecisionCurve![50]);
        // the same visibility on another dataset is ignored by pysot
        var otb = _eval.EvaluateSequence(Make("otb", Repeat(G, 4), [true, true, false, true]), Run(Repeat(G, 4)));
        Assert.Equal(1.0, otb.SuccessCurve[0]);
    }

    [Fact]
    public void LengthMismatchIsAnError()
    {
        var e = Assert.Throws<InvalidDataException>(() => _eval.EvaluateSequence(Make("otb", Repeat(G, 3)), Run(G, G)));
        Assert.Contains("2 predicted boxes for 3", e.Message);
    }

    [Fact]
    public void SummaryAucIsMeanOverVideosAndThresholds()
    {
        // a: 1 of 2 frames perfect -> curve 0.5 (20 thresholds), 0 at 1.0; b: perfect -> 1 then 0.
        var a = _eval.EvaluateSequence(Make("otb", Repeat(G, 2), name: "a"), Run(G, new Box(200, 200, 5, 5)));
        var b = _eval.EvaluateSequence(Make("otb", Repeat(G, 3), name: "b"), Run(Repeat(G, 3)));
        var t = _eval.Summarize("trk", [a, b]);
        Assert.Equal((0.5 * 20 + 1.0 * 20) / 42, t.Auc, 12);
        Assert.Equal(0.75, t.Precision);
        Assert.Equal(0.75, t.Op75);
    }
}
