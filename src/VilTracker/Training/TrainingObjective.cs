using VilTracker.Geometry;
using VilTracker.Model;
using VilTracker.Training.Losses;
using VilTracker.Training.Sampling;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training;

/// <summary>
/// The training loss of both phases. Terms: <c>focal</c> (CenterNet focal on the centre heat map), <c>giou</c> and
/// <c>l1</c> (OSTrack, on the box decoded at the predicted peak, ground truth clamped to [0, 1]), <c>size</c> (log
/// size), <c>nll</c> (Gaussian NLL of the ground truth under the predicted log-variance at the peak; the box is
/// detached, so this term trains the uncertainty head only), and in phase 2 <c>contrastive</c> (template feature vs
/// the search feature at the ground-truth centre cell, InfoNCE over the batch) and, with a teacher,
/// <c>distillation</c>. The total is either the fixed weighted sum (NLL weight scaled by the curriculum's
/// difficulty) or, with adaptive weighting, the learned homoscedastic weighting of the same terms.
/// </summary>
public sealed class TrainingObjective
{
    private readonly TrainingOptions options;

    /// <summary>The objective of <paramref name="options"/>; <paramref name="weighting"/> is used when adaptive weighting is on.</summary>
    public TrainingObjective(TrainingOptions options, bool withTeacher, UncertaintyWeighting? weighting)
    {
        this.options = options;
        TermNames = TermsFor(options.Phase, withTeacher);
        Weighting = weighting;
        if (options.AdaptiveWeighting && weighting is null)
            throw new ArgumentException("Adaptive weighting needs an UncertaintyWeighting module.", nameof(weighting));
    }

    /// <summary>The term names, in the order they are weighted and logged.</summary>
    public IReadOnlyList<string> TermNames { get; }

    /// <summary>The learned weighting (adaptive runs), else null.</summary>
    public UncertaintyWeighting? Weighting { get; }

    /// <summary>The terms of a phase: five in phase 1, plus contrastive and (with a teacher) distillation in phase 2.</summary>
    public static IReadOnlyList<string> TermsFor(int phase, bool withTeacher) =>
        phase == 1 ? ["focal", "giou", "l1", "size", "nll"]
        : withTeacher ? ["focal", "giou", "l1", "size", "nll", "contrastive", "distillation"]
        : ["focal", "giou", "l1", "size", "nll", "contrastive"];

    /// <summary>Computes every term and the total for one batch, in the caller's dispose scope.</summary>
    /// <param name="output">The student's output.</param>
    /// <param name="batch">The batch's targets.</param>
    /// <param name="difficulty">Curriculum difficulty in [0, 1] (scales the NLL term).</param>
    /// <param name="teacher">The teacher's output for distillation, or null.</param>
    /// <exception cref="InvalidOperationException">The decoded boxes contain NaN (training diverged).</exception>
    public LossTerms Compute(TrackerOutput output, BatchTensors batch, double difficulty, TrackerOutput? teacher = null)
    {
        var decoded = CenterDecoder.Decode(new CenterMaps(output.Score, output.Size, output.Offset));
        var predicted = decoded.Boxes;
        if (predicted.isnan().any().item<bool>())
            throw new InvalidOperationException("The network's decoded boxes contain NaN: training diverged (lower the learning rate or check the inputs).");
        var target = batch.TargetXywh;
        var predictedXyxy = BoxTensorFormats.CxcywhToXyxy(predicted);
        var targetXyxy = BoxTensorFormats.XywhToXyxy(target).Clamp(0.0, 1.0);
        var terms = new Dictionary<string, Tensor>
        {
            ["focal"] = FocalLoss.Compute(output.Score, batch.HeatMap),
        };
        var (giou, iou) = GiouLoss.Compute(predictedXyxy, targetXyxy);
        terms["giou"] = giou;
        terms["l1"] = L1BoxLoss.Compute(predictedXyxy, targetXyxy);
        terms["size"] = SizeLoss.Compute(predicted[.., 2..], target[.., 2..]);
        var logVariance = CenterDecoder.GatherAt(output.LogVariance, decoded.PeakIndices);
        terms["nll"] = GaussianNllLoss.Compute(predicted.detach(), logVariance, BoxTensorFormats.XywhToCxcywh(target));
        if (TermNames.Contains("contrastive"))
        {
            var centreCell = batch.HeatMap.flatten(1).argmax(1);
            var searchAtTarget = CenterDecoder.GatherAt(output.SearchFeatures, centreCell);
            terms["contrastive"] = MemoryContrastiveLoss.Compute(output.TemplateFeature, searchAtTarget);
        }
        if (TermNames.Contains("distillation"))
        {
            if (teacher is null)
                throw new ArgumentException("This objective distils from a teacher, but no teacher output was given.", nameof(teacher));
            var teacherBoxes = CenterDecoder.Decode(new CenterMaps(teacher.Score, teacher.Size, teacher.Offset)).Boxes;
            terms["distillation"] = DistillationLoss.Compute(output.Score, teacher.Score, predicted, teacherBoxes).Total;
        }
        double nllScale = Curriculum.UncertaintyWeightAt(difficulty);
        Tensor total;
        if (options.AdaptiveWeighting)
            total = Weighting!.call(TermNames.Select(n => n == "nll" ? terms[n].Times(nllScale) : terms[n]).ToArray());
        else
            total = TermNames.Select(n => terms[n].Times(FixedWeight(n, nllScale))).Aggregate((a, b) => a.Plus(b));
        return new LossTerms(TermNames.ToDictionary(n => n, n => terms[n]), total, iou.mean());
    }

    private double FixedWeight(string term, double nllScale) => term switch
    {
        "focal" => options.FocalWeight,
        "giou" => options.GiouWeight,
        "l1" => options.L1Weight,
        "size" => options.SizeWeight,
        "nll" => options.NllWeight * nllScale,
        "contrastive" => options.ContrastiveWeight,
        "distillation" => options.DistillationWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown loss term."),
    };
}

/// <summary>The losses of one batch (scalars in the caller's dispose scope).</summary>
/// <param name="Terms">Each term by name, unweighted.</param>
/// <param name="Total">The weighted total that is back-propagated.</param>
/// <param name="MeanIou">Mean IoU of the decoded boxes with the ground truth (for logging).</param>
public sealed record LossTerms(IReadOnlyDictionary<string, Tensor> Terms, Tensor Total, Tensor MeanIou);
