using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Training.Targets;

/// <summary>
/// Ground-truth centre heat maps for the focal loss, as OSTrack builds them (<c>lib/utils/heapmap_utils.py</c>):
/// one Gaussian per box on the feature grid, radius from CornerNet's "bug version" formula with min overlap 0.7,
/// centre cell <c>round(x + w/2)</c> (half to even), border clipped. Batched and loop-free.
/// </summary>
public static class CenterHeatMap
{
    /// <summary>The reference minimum overlap of the radius formula.</summary>
    public const double MinOverlap = 0.7;

    /// <summary>
    /// Heat maps <c>(B, height, width)</c> float32 for boxes <c>(B, 4)</c> given as normalised (x, y, w, h) in the
    /// search crop. The centre cell holds exactly 1; the focal loss treats it as the only positive.
    /// </summary>
    /// <exception cref="ArgumentException">Boxes are not <c>(B, 4)</c>, have a non-finite value, or a size is not positive.</exception>
    public static Tensor Generate(Tensor boxesXywh, int height, int width)
    {
        if (boxesXywh.dim() != 2 || boxesXywh.shape[1] != 4)
            throw new ArgumentException($"Heat-map boxes must be (B, 4) normalised x, y, w, h; got ({string.Join(", ", boxesXywh.shape)}).", nameof(boxesXywh));
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"Heat-map size must be positive, got {height}x{width}.");
        using var scope = NewDisposeScope();
        var boxes = boxesXywh.detach().to_type(ScalarType.Float32);
        if (!boxes.isfinite().all().item<bool>())
            throw new ArgumentException("Heat-map boxes contain NaN or infinity; check the ground truth of this batch.", nameof(boxesXywh));
        long b = boxes.shape[0];
        // In feature cells (OSTrack multiplies by the square map size; x and w by width, y and h by height here).
        var cells = boxes * tensor(new float[] { width, height, width, height });
        var wh = cells[.., 2..];
        var centre = cells[.., ..2].Plus(wh.DividedBy(2)).round();                    // half to even, like torch.round
        var radius = Radius(wh[.., 0], wh[.., 1]).ClampMin(0).to_type(ScalarType.Int32).to_type(ScalarType.Float64);

        var cx = centre[.., 0].to_type(ScalarType.Float64).view(b, 1, 1);
        var cy = centre[.., 1].to_type(ScalarType.Float64).view(b, 1, 1);
        var r = radius.view(b, 1, 1);
        var dx = TensorMath.Arange(width, ScalarType.Float64).view(1, 1, width) - cx;
        var dy = TensorMath.Arange(height, ScalarType.Float64).view(1, height, 1) - cy;
        var sigma = r.Times(2).Plus(1).DividedBy(6);
        // Computed in float64 and stored as float32, as the reference does. Its "below eps·max -> 0" rule never
        // applies: at the square's corner the exponent is −r²/σ² = −36r²/(2r+1)² > −9.
        var gaussian = exp(-(dx * dx).Plus(dy * dy) / (sigma.Times(2) * sigma));
        var inside = dx.abs().le(r).logical_and(dy.abs().le(r));
        var map = where(inside, gaussian, zeros_like(gaussian)).to_type(ScalarType.Float32);
        return map.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// CornerNet's radius (the "bug version" kept by CenterNet and OSTrack) for box sizes in cells, float32:
    /// <c>min(r1, r2, r3)</c> with <c>r = (b + sqrt(b² − 4ac))/2</c> for the three quadratics.
    /// </summary>
    public static Tensor Radius(Tensor width, Tensor height)
    {
        using var scope = NewDisposeScope();
        const double o = MinOverlap;
        var b1 = height.Plus(width);
        var c1 = (width * height).Times(1 - o).DividedBy(1 + o);
        var r1 = b1.Plus((b1.Pow(2) - c1.Times(4)).sqrt()).DividedBy(2);
        var b2 = height.Plus(width).Times(2);
        var c2 = width.Times(1 - o) * height;
        var r2 = b2.Plus((b2.Pow(2) - c2.Times(16)).sqrt()).DividedBy(2);
        var b3 = height.Plus(width).Times(-2 * o);
        var c3 = width.Times(o - 1) * height;
        var r3 = b3.Plus((b3.Pow(2) - c3.Times(4 * (4 * o))).sqrt()).DividedBy(2);
        return minimum(r1, minimum(r2, r3)).MoveToOuterDisposeScope();
    }
}
