using VilTracker.Evaluation;
using VilTracker.Geometry;
using static VilTracker.Tests.Evaluation.TestSequences;

namespace VilTracker.Tests.Evaluation;

/// <summary>pytracking rules (spec B4) on hand-computed sequences. GT box G = (0,0,10,10), centre 0 + 0.5*(10-1) = 4.5.</summary>
public class PytrackingEvaluatorTests
{
    private static readonly Box G = new(0, 0, 10, 10);
    private readonly PytrackingEvaluator _eval = new();

    [Fact]
    public void FourFrameSequenceCurvesAndScores()
    {
        // f0 forced to GT -> IoU 1; f1 = G -> 1; f2 = (5,0,10,10): x overlap 5..9 -> 5 px * 10 = 50, union 150 -> 1/3;
        // f3 = (20,20,10,10) -> 0.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 4)),
            Run(new Box(50, 50, 5, 5), G, new Box(5, 0, 10, 10), new Box(20, 20, 10, 10)));
        // success: thr 0..0.30000000000000004 (7 values) -> 3/4; 0.35..0.95 (13 values) -> 2/4; 1.0 -> 0.
        Assert.Equal(0.75, m.SuccessCurve[0]);
        Assert.Equal(0.75, m.SuccessCurve[6]);
        Assert.Equal(0.5, m.SuccessCurve[7]);
        Assert.Equal(0.5, m.SuccessCurve[19]);
        Assert.Equal(0.0, m.SuccessCurve[20]);
        Assert.Equal((7 * 0.75 + 13 * 0.5) / 21, m.Auc, 12);   // 11.75 / 21
        Assert.Equal(0.5, m.Op50);
        Assert.Equal(0.5, m.Op75);
        // centre errors: 0, 0, 5 (9.5 - 4.5), 20*sqrt(2) = 28.28 -> inclusive: <=4 -> 2/4, <=5 -> 3/4, <=28 -> 3/4, <=29 -> 1.
        Assert.Equal(0.5, m.PrecisionCurve![4]);
        Assert.Equal(0.75, m.PrecisionCurve[5]);
        Assert.Equal(0.75, m.PrecisionCurve[28]);
        Assert.Equal(1.0, m.PrecisionCurve[29]);
        Assert.Equal(0.75, m.Precision);
        // normalised errors: 0, 0, 0.5, 2.83 -> at 0.20: 2/4.
        Assert.Equal(0.5, m.NormPrecision);
        // mean IoU over valid frames: (1 + 1 + 1/3 + 0) / 4.
        Assert.Equal((2 + 1.0 / 3) / 4, m.AverageOverlap, 12);
    }

    [Fact]
    public void SuccessIsStrictAndPrecisionInclusive()
    {
        // f1 = (0,0,10,5): intersection 10*5 = 50, union 100 + 50 - 50 = 100 -> IoU exactly 0.5, not > 0.5.
        var half = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, new Box(0, 0, 10, 5)));
        Assert.Equal(1.0, half.SuccessCurve[9]);  // 0.45
        Assert.Equal(0.5, half.Op50);             // only frame 1 (IoU 1)
        // f1 = (20,0,10,10): centre 24.5 vs 4.5 -> error exactly 20, counted at 20 px but not 19.
        var far = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, new Box(20, 0, 10, 10)));
        Assert.Equal(1.0, far.Precision);
        Assert.Equal(0.5, far.PrecisionCurve![19]);
    }

    [Fact]
    public void InvalidGroundTruthFailsSuccessAndPrecisionButPassesNormPrecision()
    {
        // f2 has a zero-size GT -> invalid: IoU -1 (fails even thr 0), centre error +Inf, normalised error -1 (passes).
        var gt = new[] { G, G, new Box(0, 0, 0, 0), G };
        var m = _eval.EvaluateSequence(Make("otb", gt), Run(Repeat(G, 4)));
        Assert.Equal(3 / 4.0, m.SuccessCurve[0]);
        Assert.Equal(3 / 4.0, m.PrecisionCurve![0]);
        Assert.Equal(1.0, m.NormPrecisionCurve![0]);
        Assert.Equal(4, m.CountedFrames); // invalid frame stays in the denominator
    }

    [Fact]
    public void UavCountsInvalidFramesAsPreciseAndAcceptsNaNGroundTruth()
    {
        var gt = new[] { G, G, Box.NaN, G };
        var m = _eval.EvaluateSequence(Make("uav123", gt), Run(Repeat(G, 4)));
        Assert.Equal(3 / 4.0, m.SuccessCurve[0]);
        Assert.Equal(1.0, m.PrecisionCurve![0]);   // UAV: centre error -1 on invalid frames
        Assert.Equal(1.0, m.NormPrecisionCurve![0]);
        // other datasets reject NaN annotations, as the toolkit does
        var e = Assert.Throws<InvalidDataException>(() => _eval.EvaluateSequence(Make("otb", gt), Run(Repeat(G, 4))));
        Assert.Contains("frame 3", e.Message);
    }

    [Fact]
    public void LasotNotVisibleFramesFailEvenNormPrecision()
    {
        bool[] visible = [true, true, false, true];
        var lasot = _eval.EvaluateSequence(Make("lasot", Repeat(G, 4), visible), Run(Repeat(G, 4)));
        Assert.Equal(0.75, lasot.SuccessCurve[0]);
        Assert.Equal(0.75, lasot.Precision);
        Assert.Equal(0.75, lasot.NormPrecision);     // +Inf for the hidden frame
        // pytracking's other dataset loaders pass no target_visible, so flags on e.g. GOT-10k sequences are ignored
        var other = _eval.EvaluateSequence(Make("got10k", Repeat(G, 4), visible), Run(Repeat(G, 4)));
        Assert.Equal(1.0, other.SuccessCurve[0]);
        Assert.Equal(1.0, other.Precision);
    }

    [Fact]
    public void ZeroSizePredictionTakesPreviousBox()
    {
        // f1 = (2,0,10,10): x overlap 2..9 = 8 px -> 80 / (200 - 80) = 2/3; f2 has w = 0 -> replaced by f1 -> 2/3.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 3)), Run(G, new Box(2, 0, 10, 10), new Box(30, 30, 0, 5)));
        Assert.Equal(1.0, m.SuccessCurve[13]);             // 2/3 > 0.6500000000000001 for all three frames
        Assert.Equal((double)(1f / 3f), m.SuccessCurve[14]); // only frame 0 above 0.7; stored as float32(1/3)
        // chained: f1 and f2 zero-size -> both take f0's box (G) -> all IoU 1
        var chained = _eval.EvaluateSequence(Make("otb", Repeat(G, 3)), Run(new Box(0, 0, 10, 10), new Box(9, 9, 0, 0), new Box(9, 9, 0, 3)));
        Assert.Equal(1.0, chained.SuccessCurve[19]);
    }

    [Fact]
    public void ShortResultIsZeroPaddedAndLongResultTruncated()
    {
        // one predicted line for 3 GT frames: f0 forced to GT, f1/f2 padded with (0,0,0,0): IoU 0, centre (-0.5,-0.5)
        // -> error 5*sqrt(2) = 7.07: precision at 7 px = 1/3, at 8 px = 3/3.
        var m = _eval.EvaluateSequence(Make("otb", Repeat(G, 3)), Run(new Box(1, 1, 5, 5)));
        Assert.Equal((double)(1f / 3f), m.SuccessCurve[0]);
        Assert.Equal((double)(1f / 3f), m.PrecisionCurve![7]);
        Assert.Equal(1.0, m.PrecisionCurve[8]);
        // longer result: extra lines are ignored
        var longer = _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, G, new Box(100, 100, 1, 1)));
        Assert.Equal(1.0, longer.SuccessCurve[19]);
        Assert.Equal(2, longer.Frames);
    }

    [Fact]
    public void LasotRejectsShortResults()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            _eval.EvaluateSequence(Make("lasot", Repeat(G, 3), [true, true, true]), Run(G, G)));
        Assert.Contains("2 predicted boxes for 3", e.Message);
    }

    [Fact]
    public void NaNOrNegativePredictionIsAnError()
    {
        var nan = Assert.Throws<InvalidDataException>(() => _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, Box.NaN)));
        Assert.Contains("frame 2", nan.Message);
        Assert.Throws<InvalidDataException>(() => _eval.EvaluateSequence(Make("otb", Repeat(G, 2)), Run(G, new Box(0, 0, -1, 5))));
    }

    [Fact]
    public void SummaryAveragesCurvesOverSequences()
    {
        // A: 2 frames, f1 IoU 0 -> success 1/2 for thr < 1 (20 values), AUC 10/21; B: perfect -> AUC 20/21.
        var a = _eval.EvaluateSequence(Make("otb", Repeat(G, 2), name: "a"), Run(G, new Box(50, 50, 10, 10)));
        var b = _eval.EvaluateSequence(Make("otb", Repeat(G, 4), name: "b"), Run(Repeat(G, 4)));
        var t = _eval.Summarize("trk", [a, b]);
        Assert.Equal((10.0 / 21 + 20.0 / 21) / 2, t.Auc, 12);   // sequence-averaged, not frame-weighted
        Assert.Equal(0.75, t.Op50);                              // (0.5 + 1) / 2
        // precision: A f1 error sqrt(50^2+50^2) = 70.7 -> 1/2; B 1 -> mean 0.75
        Assert.Equal(0.75, t.Precision);
    }
}
