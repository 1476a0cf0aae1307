using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// pytracking / OSTrack analysis (<c>calc_seq_err_robust</c>, <c>extract_results</c>, <c>print_results</c>; spec B4).
/// Per sequence: NaN or negative-size predictions are errors; zero-size predictions are replaced by the previous
/// frame's box; lengths are truncated / zero-padded (LaSOT: a short result is an error); frame 1 is forced to the
/// ground truth. Invalid frames (GT without positive size; on LaSOT also frames not visible, the only dataset whose
/// pytracking loader gives visibility) get IoU -1 and centre error +Inf (UAV: -1, i.e. counted correct) and
/// normalised error -1 (counted correct; LaSOT: +Inf for frames not visible). Every curve divides by the full
/// ground-truth length, and its values are stored as float32, as the toolkit stores them.
/// Aggregate: curves averaged over sequences; AUC = mean of the 21-point success curve; OP50/OP75 at IoU 0.50/0.75;
/// precision and normalised precision at index 20 (20 px, 0.20). Aggregation is done in float64 over the float32
/// per-sequence values (torch reduces in float32, which can differ in the 7th significant digit).
/// </summary>
public sealed class PytrackingEvaluator : IProtocolEvaluator
{
    private static readonly int Op50Index = ThresholdSets.Float32Index(ThresholdSets.PytrackingOverlap, 0.50);
    private static readonly int Op75Index = ThresholdSets.Float32Index(ThresholdSets.PytrackingOverlap, 0.75);

    /// <inheritdoc />
    public EvaluationProtocol Protocol => EvaluationProtocol.Pytracking;

    /// <inheritdoc />
    public SequenceMetrics EvaluateSequence(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs, ImageSize? imageSize = null)
    {
        var kind = BenchmarkKinds.FromDatasetName(sequence.Dataset);
        var anno = sequence.GroundTruth;
        int n = anno.Count;
        if (n == 0) throw new InvalidDataException($"Sequence '{sequence.Name}' has no ground-truth frames (pytracking: 'Seq length zero').");
        // Of pytracking's dataset loaders only LaSOT passes target_visible; elsewhere visibility flags are not used.
        var visible = kind == BenchmarkKind.Lasot ? sequence.TargetVisible : null;
        if (visible is not null && visible.Count != n)
            throw new InvalidDataException(
                $"Sequence '{sequence.Name}': {visible.Count} visibility flags for {n} ground-truth frames; they must match.");
        var pred = PreparePrediction(sequence, kind, ProtocolEvaluators.FirstRun(sequence, runs));

        var iou = new double[n];
        var center = new double[n];
        var centerNorm = new double[n];
        var valid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            Box p = pred[i], a = anno[i];
            valid[i] = a.W > 0 && a.H > 0 && (visible is null || visible[i]);
            double pcx = p.X + 0.5 * (p.W - 1.0), pcy = p.Y + 0.5 * (p.H - 1.0);
            double acx = a.X + 0.5 * (a.W - 1.0), acy = a.Y + 0.5 * (a.H - 1.0);
            center[i] = ToolkitGeometry.Norm(pcx - acx, pcy - acy);
            centerNorm[i] = ToolkitGeometry.Norm(pcx / a.W - acx / a.W, pcy / a.H - acy / a.H);
            iou[i] = ToolkitGeometry.PytrackingIou(p, a);
            if (!valid[i])
            {
                center[i] = kind == BenchmarkKind.Uav ? -1.0 : double.PositiveInfinity;
                centerNorm[i] = -1.0;
                iou[i] = -1.0;
            }
            if (kind == BenchmarkKind.Lasot && visible is not null && !visible[i])
            {
                centerNorm[i] = double.PositiveInfinity;
                center[i] = double.PositiveInfinity;
            }
            if (double.IsNaN(iou[i]))
                throw new InvalidDataException(
                    $"Sequence '{sequence.Name}', frame {i + 1}: the overlap is NaN (prediction {p}, ground truth {a}); " +
                    "pytracking rejects this ('Nans in calculated overlap'). Check the result file for infinite values.");
        }

        var success = Curve(iou, ThresholdSets.PytrackingOverlap, n, strictlyAbove: true);
        var precision = Curve(center, ThresholdSets.PytrackingCenter, n, strictlyAbove: false);
        var normPrecision = Curve(centerNorm, ThresholdSets.PytrackingCenterNormalized, n, strictlyAbove: false);
        var validIous = iou.Where((_, i) => valid[i]).ToArray();
        return new SequenceMetrics(
            sequence.Name, kind, n, n, success, precision, normPrecision,
            Auc: success.Mean(), Precision: precision[20], NormPrecision: normPrecision[20],
            Op50: success[Op50Index], Op75: success[Op75Index],
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
            Auc: success.Mean(), Precision: precision[20], NormPrecision: normPrecision[20],
            Op50: success[Op50Index], Op75: success[Op75Index],
            Timing: FrameTiming.Sum(sequences.Select(s => s.Timing)));
    }

    /// <summary>
    /// Validation, zero-size replacement, length fix and frame-1 forcing, in the toolkit's order.
    /// </summary>
    private static Box[] PreparePrediction(Sequence sequence, BenchmarkKind kind, IReadOnlyList<Box> raw)
    {
        var anno = sequence.GroundTruth;
        for (int i = 0; i < raw.Count; i++)
        {
            Box b = raw[i];
            if (ToolkitGeometry.HasNaN(b) || b.W < 0 || b.H < 0)
                throw new InvalidDataException(
                    $"Sequence '{sequence.Name}', frame {i + 1}: predicted box {b} is NaN or has a negative size; " +
                    "pytracking rejects such results ('Invalid results'). Fix the tracker output or use --protocol pysot.");
        }
        if (kind != BenchmarkKind.Uav)
        {
            for (int i = 0; i < anno.Count; i++)
                if (ToolkitGeometry.HasNaN(anno[i]))
                    throw new InvalidDataException(
                        $"Sequence '{sequence.Name}', frame {i + 1}: the ground truth is NaN; pytracking accepts NaN " +
                        $"annotations only for UAV datasets (dataset is '{sequence.Dataset}').");
        }

        var pred = raw.ToArray();
        for (int i = 1; i < pred.Length && i < anno.Count; i++)
            if ((pred[i].W == 0 || pred[i].H == 0) && !ToolkitGeometry.HasNaN(anno[i]))
                pred[i] = pred[i - 1];

        if (pred.Length != anno.Count)
        {
            if (kind == BenchmarkKind.Lasot && pred.Length < anno.Count)
                throw new InvalidDataException(
                    $"Sequence '{sequence.Name}': {pred.Length} predicted boxes for {anno.Count} ground-truth frames; " +
                    "pytracking requires LaSOT results to cover every frame ('Mis-match in tracker prediction and GT lengths').");
            var fixedLength = new Box[anno.Count];
            for (int i = 0; i < fixedLength.Length; i++)
                fixedLength[i] = i < pred.Length ? pred[i] : new Box(0, 0, 0, 0);
            pred = fixedLength;
        }
        pred[0] = anno[0];
        return pred;
    }

    /// <summary><c>(err &gt; thr).sum().float() / seq_length</c> (or <c>&lt;=</c>), kept as the float32 the toolkit stores.</summary>
    private static MetricCurve Curve(double[] errors, IReadOnlyList<double> thresholds, int seqLength, bool strictlyAbove)
    {
        var values = new double[thresholds.Count];
        for (int t = 0; t < values.Length; t++)
        {
            int count = 0;
            foreach (double e in errors)
                if (strictlyAbove ? e > thresholds[t] : e <= thresholds[t]) count++;
            values[t] = (float)count / (float)seqLength;
        }
        return new MetricCurve(thresholds, values);
    }
}
