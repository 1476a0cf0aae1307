using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// Generalised-IoU loss on paired boxes (OSTrack <c>giou_loss</c>, element-wise): <c>mean(1 − giou)</c> with
/// <c>giou = iou − (enclosing − union)/enclosing</c>. Like OSTrack's actor, a batch holding a malformed box
/// (x2 &lt; x1, y2 &lt; y1, or NaN) gives a loss of 0 instead of failing.
/// </summary>
public static class GiouLoss
{
    /// <summary>The loss (scalar) and the per-box IoU <c>(N)</c>.</summary>
    /// <param name="predictedXyxy">(N, 4) predicted corners.</param>
    /// <param name="targetXyxy">(N, 4) target corners (OSTrack clamps them to [0, 1] first).</param>
    /// <returns>Loss and IoU; on the malformed-box fallback both are zero and carry no gradient.</returns>
    /// <exception cref="ArgumentException">The shapes are not both (N, 4).</exception>
    public static (Tensor Loss, Tensor Iou) Compute(Tensor predictedXyxy, Tensor targetXyxy)
    {
        if (predictedXyxy.dim() != 2 || predictedXyxy.shape[1] != 4 || !predictedXyxy.shape.SequenceEqual(targetXyxy.shape))
            throw new ArgumentException(
                $"GIoU needs two (N, 4) corner tensors, got ({string.Join(", ", predictedXyxy.shape)}) and ({string.Join(", ", targetXyxy.shape)}).");
        using var scope = NewDisposeScope();
        if (!WellFormed(predictedXyxy) || !WellFormed(targetXyxy))
            return (zeros(1, dtype: predictedXyxy.dtype).squeeze().MoveToOuterDisposeScope(),
                    zeros(predictedXyxy.shape[0], dtype: predictedXyxy.dtype).MoveToOuterDisposeScope());
        var (giou, iou) = Generalized(predictedXyxy, targetXyxy);
        return (giou.SubtractedFrom(1).mean().MoveToOuterDisposeScope(), iou.MoveToOuterDisposeScope());
    }

    /// <summary>Per-pair GIoU and IoU <c>(N)</c> of well-formed corner boxes.</summary>
    public static (Tensor Giou, Tensor Iou) Generalized(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var areaA = (a[.., 2] - a[.., 0]) * (a[.., 3] - a[.., 1]);
        var areaB = (b[.., 2] - b[.., 0]) * (b[.., 3] - b[.., 1]);
        var overlap = (minimum(a[.., 2..], b[.., 2..]) - maximum(a[.., ..2], b[.., ..2])).ClampMin(0);
        var intersection = overlap[.., 0] * overlap[.., 1];
        var union = areaA.Plus(areaB) - intersection;
        var iou = intersection / union;
        var hull = (maximum(a[.., 2..], b[.., 2..]) - minimum(a[.., ..2], b[.., ..2])).ClampMin(0);
        var enclosing = hull[.., 0] * hull[.., 1];
        var giou = iou - (enclosing - union) / enclosing;
        return (giou.MoveToOuterDisposeScope(), iou.MoveToOuterDisposeScope());
    }

    private static bool WellFormed(Tensor xyxy) => xyxy[.., 2..].ge(xyxy[.., ..2]).all().item<bool>();
}
