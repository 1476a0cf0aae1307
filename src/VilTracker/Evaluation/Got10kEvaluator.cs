using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// got-10k toolkit experiments (spec B3), chosen per sequence from <c>Sequence.Dataset</c>:
/// <list type="bullet">
/// <item>OTB-style (<c>ExperimentOTB</c>; any dataset without special rules): frame 1 forced to GT, lengths
/// truncated to the shorter, every frame counted; success = mean(<c>iou &gt; linspace(0,1,21)</c>), precision =
/// mean(<c>ce &lt;= 0..50</c>); AUC = mean of the curve, precision at 20 px, success rate (OP50) at index 10.</item>
/// <item>UAV123 (<c>ExperimentUAV123</c>) and LaSOT (<c>ExperimentLaSOT</c>): as OTB-style but only rows whose GT has
/// no NaN are counted (denominator = those rows).</item>
/// <item>Normalised precision (<c>ExperimentLaSOT</c>, computed here for every OTB-style sequence):
/// <c>|(c_pred - c_gt) / max(1, gt_wh)|</c>, thresholds <c>linspace(0, 0.5, 51)</c>, score = mean of the whole curve.</item>
/// <item>GOT-10k (<c>ExperimentGOT10k</c>): every run must have one box per GT frame; frame 1 excluded; both boxes
/// clipped to the image; only visible frames (<c>cover &gt; 0</c>, i.e. <c>TargetVisible</c>); runs concatenated;
/// AO = mean IoU, SR0.50 / SR0.75 = mean(<c>iou &gt; 0.5 / 0.75</c>), success curve over <c>linspace(0,1,101)</c>;
/// the tracker's numbers pool all frames of all sequences (frame-weighted). No precision.</item>
/// </list>
/// Sequence-averaged and GOT-10k sequences cannot be mixed in one summary.
/// </summary>
public sealed class Got10kEvaluator : IProtocolEvaluator
{
    /// <inheritdoc />
    public EvaluationProtocol Protocol => EvaluationProtocol.Got10k;

    /// <inheritdoc />
    public SequenceMetrics EvaluateSequence(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs, ImageSize? imageSize = null)
    {
        var kind = BenchmarkKinds.FromDatasetName(sequence.Dataset);
        if (sequence.GroundTruth.Count == 0) throw new InvalidDataException($"Sequence '{sequence.Name}' has no ground-truth frames.");
        return kind == BenchmarkKind.Got10k
            ? EvaluateGot10k(sequence, runs, imageSize)
            : EvaluateOtbStyle(sequence, kind, ProtocolEvaluators.FirstRun(sequence, runs));
    }

    /// <inheritdoc />
    public TrackerMetrics Summarize(string tracker, IReadOnlyList<SequenceMetrics> sequences)
    {
        if (sequences.Count == 0) throw new ArgumentException($"Tracker '{tracker}': no sequences to summarise.", nameof(sequences));
        int got10k = sequences.Count(s => s.Kind == BenchmarkKind.Got10k);
        var timing = FrameTiming.Sum(sequences.Select(s => s.Timing));
        if (got10k == sequences.Count)
        {
            var ious = sequences.SelectMany(s => s.FrameIous).ToArray();
            var pooled = Got10kScores(ious);
            return new TrackerMetrics(tracker, Protocol, sequences, pooled.Curve, null, null,
                pooled.Ao, null, null, pooled.Sr50, pooled.Sr75, timing);
        }
        if (got10k > 0)
            throw new InvalidOperationException(
                $"Tracker '{tracker}': GOT-10k sequences (frame-weighted) cannot be summarised together with " +
                "other datasets (sequence-averaged); evaluate them separately.");

        var success = MetricCurve.Average(sequences.Select(s => s.SuccessCurve).ToList());
        var precision = MetricCurve.Average(sequences.Select(s => s.PrecisionCurve!).ToList());
        var normPrecision = MetricCurve.Average(sequences.Select(s => s.NormPrecisionCurve!).ToList());
        return new TrackerMetrics(tracker, Protocol, sequences, success, precision, normPrecision,
            Auc: success.Mean(), Precision: precision[20], NormPrecision: normPrecision.Mean(),
            Op50: success[10], Op75: success[15], Timing: timing);
    }

    private static SequenceMetrics EvaluateOtbStyle(Sequence sequence, BenchmarkKind kind, IReadOnlyList<Box> raw)
    {
        var anno = sequence.GroundTruth;
        if (raw.Count == 0) throw new InvalidDataException($"Sequence '{sequence.Name}': the result has no boxes.");
        var boxes = raw.ToArray();
        boxes[0] = anno[0];
        int length = Math.Min(boxes.Length, anno.Count);

        var frames = Enumerable.Range(0, length);
        if (kind is BenchmarkKind.Uav or BenchmarkKind.Lasot)
            frames = frames.Where(i => !ToolkitGeometry.HasNaN(anno[i]));
        var counted = frames.ToArray();
        if (counted.Length == 0)
            throw new InvalidDataException($"Sequence '{sequence.Name}': no frame has a non-NaN ground truth to evaluate.");

        var ious = new double[counted.Length];
        var centerErrors = new double[counted.Length];
        var normErrors = new double[counted.Length];
        for (int k = 0; k < counted.Length; k++)
        {
            Box b = boxes[counted[k]], a = anno[counted[k]];
            ious[k] = ToolkitGeometry.Got10kIou(b, a);
            double dx = ToolkitGeometry.CenterX(b) - ToolkitGeometry.CenterX(a);
            double dy = ToolkitGeometry.CenterY(b) - ToolkitGeometry.CenterY(a);
            centerErrors[k] = ToolkitGeometry.Norm(dx, dy);
            normErrors[k] = ToolkitGeometry.Norm(dx / NumpyMaximum(1.0, a.W), dy / NumpyMaximum(1.0, a.H));
        }

        var success = MeanCurve(ious, ThresholdSets.Got10kOverlap, strictlyAbove: true);
        var precision = MeanCurve(centerErrors, ThresholdSets.Got10kCenter, strictlyAbove: false);
        var normPrecision = MeanCurve(normErrors, ThresholdSets.Got10kCenterNormalized, strictlyAbove: false);
        return new SequenceMetrics(sequence.Name, kind, anno.Count, counted.Length, success, precision, normPrecision,
            Auc: success.Mean(), Precision: precision[20], NormPrecision: normPrecision.Mean(),
            Op50: success[10], Op75: success[15], AverageOverlap: NumpyReduction.Mean(ious), FrameIous: ious);
    }

    private static SequenceMetrics EvaluateGot10k(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs, ImageSize? imageSize)
    {
        var anno = sequence.GroundTruth;
        if (imageSize is not { } bound)
            throw new ArgumentException(
                $"Sequence '{sequence.Name}': the GOT-10k protocol clips boxes to the image, so its size is required " +
                "(read it from the first frame and pass it in).", nameof(imageSize));
        var visible = sequence.TargetVisible;
        if (visible is not null && visible.Count != anno.Count)
            throw new InvalidDataException(
                $"Sequence '{sequence.Name}': {visible.Count} visibility flags for {anno.Count} ground-truth frames; they must match.");
        if (runs.Count == 0) throw new ArgumentException($"Sequence '{sequence.Name}': no predicted run was given.", nameof(runs));

        var ious = new List<double>();
        for (int r = 0; r < runs.Count; r++)
        {
            var boxes = runs[r];
            if (boxes.Count != anno.Count)
                throw new InvalidDataException(
                    $"Sequence '{sequence.Name}', run {r + 1}: {boxes.Count} predicted boxes for {anno.Count} ground-truth " +
                    "frames; the GOT-10k toolkit requires the same shape.");
            for (int i = 1; i < anno.Count; i++)
            {
                if (visible is not null && !visible[i]) continue;
                if (!anno[i].IsFinite)
                    throw new InvalidDataException(
                        $"Sequence '{sequence.Name}', frame {i + 1}: the ground truth is missing (NaN). The GOT-10k test split " +
                        "withholds it: evaluate on the val split, or submit the results to the GOT-10k server.");
                ious.Add(ToolkitGeometry.Got10kIou(
                    ToolkitGeometry.Got10kBound(boxes[i], bound), ToolkitGeometry.Got10kBound(anno[i], bound)));
            }
        }
        if (ious.Count == 0)
            throw new InvalidDataException($"Sequence '{sequence.Name}': no visible frame after the first one to evaluate.");
        var scores = Got10kScores(ious.ToArray());
        return new SequenceMetrics(sequence.Name, BenchmarkKind.Got10k, anno.Count, ious.Count, scores.Curve, null, null,
            Auc: scores.Ao, Precision: null, NormPrecision: null, Op50: scores.Sr50, Op75: scores.Sr75,
            AverageOverlap: scores.Ao, FrameIous: ious);
    }

    /// <summary>The toolkit's <c>_evaluate</c>: AO, SR at 0.5 (and 0.75, by analogy) and the 101-point curve.</summary>
    private static (double Ao, double Sr50, double Sr75, MetricCurve Curve) Got10kScores(double[] ious) =>
        (NumpyReduction.Mean(ious), ious.Count(v => v > 0.5) / (double)ious.Length, ious.Count(v => v > 0.75) / (double)ious.Length,
         MeanCurve(ious, ThresholdSets.Got10kDatasetOverlap, strictlyAbove: true));

    /// <summary><c>np.mean(np.greater(err, thr), axis=0)</c> (or <c>less_equal</c>).</summary>
    private static MetricCurve MeanCurve(double[] errors, IReadOnlyList<double> thresholds, bool strictlyAbove)
    {
        var values = new double[thresholds.Count];
        for (int t = 0; t < values.Length; t++)
        {
            int count = 0;
            foreach (double e in errors)
                if (strictlyAbove ? e > thresholds[t] : e <= thresholds[t]) count++;
            values[t] = count / (double)errors.Length;
        }
        return new MetricCurve(thresholds, values);
    }

    private static double NumpyMaximum(double a, double b) => double.IsNaN(b) ? b : Math.Max(a, b);
}
