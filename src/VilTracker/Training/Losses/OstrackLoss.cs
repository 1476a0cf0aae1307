using VilTracker.Geometry;
using VilTracker.Model;
using VilTracker.Training.Targets;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// OSTrack's training objective (<c>lib/train/actors/ostrack.py</c>, REFERENCE-SPEC C5):
/// <c>2·GIoU + 5·L1 + 1·Focal</c>, with the box decoded from the predicted maps without a window, the ground truth
/// converted to corners and clamped to [0, 1], and the focal target the centre heat map of the ground truth.
/// </summary>
public static class OstrackLoss
{
    /// <summary>The parts of the objective (scalars) and the mean IoU of the batch (for logging).</summary>
    public sealed record Parts(Tensor Giou, Tensor L1, Tensor Focal, Tensor Total, Tensor MeanIou);

    /// <summary>Computes the objective for one batch.</summary>
    /// <param name="maps">The head's maps for the search crops.</param>
    /// <param name="groundTruthXywh">(B, 4) ground truth in the search crop, normalised (x, y, w, h).</param>
    /// <param name="giouWeight">Weight of GIoU (reference 2).</param>
    /// <param name="l1Weight">Weight of L1 (reference 5).</param>
    /// <param name="focalWeight">Weight of the focal loss (reference 1).</param>
    /// <exception cref="InvalidOperationException">The decoded boxes contain NaN (training diverged).</exception>
    public static Parts Compute(CenterMaps maps, Tensor groundTruthXywh, double giouWeight = 2.0, double l1Weight = 5.0, double focalWeight = 1.0)
    {
        using var scope = NewDisposeScope();
        int fh = (int)maps.Score.shape[2], fw = (int)maps.Score.shape[3];
        var predicted = CenterDecoder.Decode(maps).Boxes;
        if (predicted.isnan().any().item<bool>())
            throw new InvalidOperationException("The network's decoded boxes contain NaN: training diverged (lower the learning rate or check the inputs).");
        var predictedXyxy = BoxTensorFormats.CxcywhToXyxy(predicted);
        var targetXyxy = BoxTensorFormats.XywhToXyxy(groundTruthXywh.to_type(predicted.dtype)).Clamp(0.0, 1.0);
        var (giou, iou) = GiouLoss.Compute(predictedXyxy, targetXyxy);
        var l1 = L1BoxLoss.Compute(predictedXyxy, targetXyxy);
        var heat = CenterHeatMap.Generate(groundTruthXywh, fh, fw).unsqueeze(1);
        var focal = FocalLoss.Compute(maps.Score, heat);
        var total = giou.Times(giouWeight).Plus(l1.Times(l1Weight)).Plus(focal.Times(focalWeight));
        return new Parts(giou.MoveToOuterDisposeScope(), l1.MoveToOuterDisposeScope(), focal.MoveToOuterDisposeScope(),
            total.MoveToOuterDisposeScope(), iou.mean().MoveToOuterDisposeScope());
    }
}
