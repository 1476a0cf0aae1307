using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// pysot-toolkit (StrangerZhang) <c>OPEBenchmark</c> (spec B2). The result file is used as is (no frame-1
/// replacement) and must have one box per ground-truth frame. Success: IoU only where all four GT values are
/// &gt; 0 (else -1), strict <c>iou &gt; thr</c>, divided by the full length. Precision / normalised precision:
/// distance only where the (normalised) GT centre has both coordinates &gt; 0, else -1 (so invalid frames count as
/// correct), inclusive <c>dist &lt;= thr</c>. LaSOT: frames whose target is not visible are dropped but the
/// denominator stays the full length. Aggregate: AUC = <c>np.mean</c> over all videos' 21-point curves together;
/// precision / normalised precision = mean curve at index 20. OP50 / OP75 (not printed by pysot) are the mean
/// success curve at IoU 0.50 / 0.75.
/// </summary>
public sealed class PysotEvaluator : IProtocolEvaluator
{
    private const double NormEpsilon = 1e-16;

    /// <inheritdoc />
    public EvaluationProtocol Protocol => EvaluationProtocol.Pysot;

    /// <inheritdoc />
    public SequenceMetrics EvaluateSequence(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs, ImageSize? imageSize = null)
    {
        var kind = BenchmarkKinds.FromDatasetName(sequence.Dataset);
        var gtAll = sequence.GroundTruth;
        var predAll = ProtocolEvaluators.FirstRun(sequence, runs);
        int nFrame = gtAll.Count;
        if (nFrame == 0) throw new InvalidDataException($"Sequence '{sequence.Name}' has no ground-truth frames.");
        if (predAll.Count != nFrame)
            throw new InvalidDataException(
                $"Sequence '{sequence.Name}': {predAll.Count} predicted boxes for {nFrame} ground-truth frames; " +
                "pysot-toolkit needs exactly one box per frame (use --protocol pytracking or got10k to truncate/pad).");

        var keep = Enumerable.Range(0, nFrame).ToList();
        if (kind == BenchmarkKind.Lasot && sequence.TargetVisible is { } visible)
        {
            if (visible.Count != nFrame)
                throw new InvalidDataException(
                    $"Sequence '{sequence.Name}': {visible.Count} visibility flags for {nFrame} ground-truth frames; they must match.");
            keep = keep.Where(i => visible[i]).ToList();
        }
        var gt = keep.Select(i => gtAll[i]).ToArray();
        var pred = keep.Select(i => predAll[i]).ToArray();

        var iou = new double[gt.Length];
        var dist = new double[gt.Length];
        var distNorm = new double[gt.Length];
        for (int i = 0; i < gt.Length; i++)
        {
            Box g = gt[i], p = pred[i];
            iou[i] = g.X > 0 && g.Y > 0 && g.W > 0 && g.H > 0 ? ToolkitGeometry.PysotIou(g, p) : -1;

            double gcx = ToolkitGeometry.CenterX(g), gcy = ToolkitGeometry.CenterY(g);
            double pcx = ToolkitGeometry.CenterX(p), pcy = ToolkitGeometry.CenterY(p);
            dist[i] = gcx > 0 && gcy > 0 ? ToolkitGeometry.Norm(gcx - pcx, gcy - pcy) : -1;

            double nx = g.W + NormEpsilon, ny = g.H + NormEpsilon;
            double gnx = gcx / nx, gny = gcy / ny, pnx = pcx / nx, pny = pcy / ny;
            distNorm[i] = gnx > 0 && gny > 0 ? ToolkitGeometry.Norm(gnx - pnx, gny - pny) : -1;
        }

        var success = Curve(iou, ThresholdSets.PysotOverlap, nFrame, strictlyAbove: true);
        var precision = Curve(dist, ThresholdSets.PysotCenter, nFrame, strictlyAbove: false);
        var normPrecision = Curve(distNorm, ThresholdSets.PysotCenterNormalized, nFrame, strictlyAbove: false);
        var validIous = iou.Where(v => v >= 0).ToArray();
        return new SequenceMetrics(
            sequence.Name, kind, nFrame, nFrame, success, precision, normPrecision,
            Auc: success.Mean(), Precision: precision[20], NormPrecision: normPrecision[20],
            Op50: success[10], Op75: success[15],
            AverageOverlap: NumpyReduction.Mean(validIous),
            FrameIous: iou);
    }

    /// <inheritdoc />
    public TrackerMetrics Summarize(string tracker, IReadOnlyList<SequenceMetrics> sequences)
    {
        if (sequences.Count == 0) throw new ArgumentException($"Tracker '{tracker}': no sequences to summarise.", nameof(sequences));
        var success = MetricCurve.Average(sequences.Select(s => s.SuccessCurve).ToList());
        var precision = MetricCurve.Average(sequences.Select(s => s.PrecisionCurve!).ToList());
        var normPrecision = MetricCurve.Average(sequences.Select(s => s.NormPrecisionCurve!).ToList());
        return new TrackerMetrics(
            tracker, Protocol, sequences, success, precision, normPrecision,
            Auc: NumpyReduction.Mean(sequences.SelectMany(s => s.SuccessCurve.Values).ToArray()), Precision: precision[20], NormPrecision: normPrecision[20],
            Op50: success[10], Op75: success[15],
            Timing: FrameTiming.Sum(sequences.Select(s => s.Timing)));
    }

    /// <summary><c>np.sum(err &gt; thr) / float(n_frame)</c> (or <c>&lt;=</c>) for every threshold.</summary>
    private static MetricCurve Curve(double[] errors, IReadOnlyList<double> thresholds, int nFrame, bool strictlyAbove)
    {
        var values = new double[thresholds.Count];
        for (int t = 0; t < values.Length; t++)
        {
            int count = 0;
            foreach (double e in errors)
                if (strictlyAbove ? e > thresholds[t] : e <= thresholds[t]) count++;
            values[t] = count / (double)nFrame;
        }
        return new MetricCurve(thresholds, values);
    }
}
