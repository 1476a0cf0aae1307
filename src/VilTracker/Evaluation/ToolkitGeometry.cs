using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// IoU, centre and centre-error formulas with each toolkit's exact operation order (REFERENCE-SPEC B1), so that
/// results agree bit-for-bit, including how NaN propagates (numpy/torch min, max and clip keep NaN, as
/// <see cref="Math.Min(double, double)"/> and <see cref="Math.Max(double, double)"/> do).
/// </summary>
public static class ToolkitGeometry
{
    /// <summary><c>np.finfo(float).eps</c>, added to the union by got10k's <c>rect_iou</c>.</summary>
    public const double NumpyEpsilon = 2.220446049250313e-16;

    /// <summary>Centre x as every toolkit computes it: <c>x + (w - 1) / 2</c>.</summary>
    public static double CenterX(Box b) => b.X + (b.W - 1) / 2;

    /// <summary>Centre y as every toolkit computes it: <c>y + (h - 1) / 2</c>.</summary>
    public static double CenterY(Box b) => b.Y + (b.H - 1) / 2;

    /// <summary>Euclidean length <c>sqrt(dx*dx + dy*dy)</c> (numpy/torch <c>sqrt(sum(d**2))</c>).</summary>
    public static double Norm(double dx, double dy) => Math.Sqrt(dx * dx + dy * dy);

    /// <summary>
    /// pysot-toolkit <c>overlap_ratio(gt, pred)</c>: intersection of the edges, <c>union = w1h1 + w2h2 - inter</c>,
    /// <c>clip(inter / union, 0, 1)</c>, no epsilon.
    /// </summary>
    public static double PysotIou(Box gt, Box pred)
    {
        double left = Math.Max(gt.X, pred.X);
        double right = Math.Min(gt.X + gt.W, pred.X + pred.W);
        double top = Math.Max(gt.Y, pred.Y);
        double bottom = Math.Min(gt.Y + gt.H, pred.Y + pred.H);
        double intersect = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        double union = gt.W * gt.H + pred.W * pred.H - intersect;
        return Math.Max(Math.Min(1, intersect / union), 0);
    }

    /// <summary>
    /// got10k <c>rect_iou(pred, gt)</c>: <c>clip(inter / (union + eps), 0, 1)</c>. Boxes must already be bounded
    /// (see <see cref="Got10kBound"/>) when the experiment uses an image bound.
    /// </summary>
    public static double Got10kIou(Box pred, Box gt)
    {
        double x1 = Math.Max(pred.X, gt.X);
        double y1 = Math.Max(pred.Y, gt.Y);
        double x2 = Math.Min(pred.X + pred.W, gt.X + gt.W);
        double y2 = Math.Min(pred.Y + pred.H, gt.Y + gt.H);
        double w = Math.Max(x2 - x1, 0);
        double h = Math.Max(y2 - y1, 0);
        double inter = w * h;
        double union = pred.W * pred.H + gt.W * gt.H - inter;
        return NumpyClip(inter / (union + NumpyEpsilon), 0.0, 1.0);
    }

    /// <summary>
    /// got10k's image-bound clipping inside <c>rect_iou(..., bound=(W, H))</c>: <c>x = clip(x, 0, W)</c>,
    /// <c>y = clip(y, 0, H)</c>, then <c>w = clip(w, 0, W - x)</c>, <c>h = clip(h, 0, H - y)</c> with the clipped x, y.
    /// </summary>
    public static Box Got10kBound(Box b, ImageSize bound)
    {
        double x = NumpyClip(b.X, 0, bound.Width);
        double y = NumpyClip(b.Y, 0, bound.Height);
        double w = NumpyClip(b.W, 0, bound.Width - x);
        double h = NumpyClip(b.H, 0, bound.Height - y);
        return new Box(x, y, w, h);
    }

    /// <summary>
    /// pytracking <c>calc_iou_overlap(pred, anno)</c> in its "+1" form:
    /// <c>tl = max(xy1, xy2)</c>, <c>br = min((xy1 + wh1) - 1, (xy2 + wh2) - 1)</c>, <c>sz = clamp((br - tl) + 1, 0)</c>,
    /// <c>inter = sz.x * sz.y</c>, <c>union = (w1*h1 + w2*h2) - inter</c>, <c>inter / union</c> (no clip, no eps).
    /// </summary>
    public static double PytrackingIou(Box pred, Box anno)
    {
        double tlx = Math.Max(pred.X, anno.X), tly = Math.Max(pred.Y, anno.Y);
        double brx = Math.Min(pred.X + pred.W - 1.0, anno.X + anno.W - 1.0);
        double bry = Math.Min(pred.Y + pred.H - 1.0, anno.Y + anno.H - 1.0);
        double szx = TorchClampMin(brx - tlx + 1.0, 0), szy = TorchClampMin(bry - tly + 1.0, 0);
        double intersection = szx * szy;
        double union = pred.W * pred.H + anno.W * anno.H - intersection;
        return intersection / union;
    }

    /// <summary>True when any of x, y, w, h is NaN (the toolkits' <c>isnan(row).any()</c>).</summary>
    public static bool HasNaN(Box b) => double.IsNaN(b.X) || double.IsNaN(b.Y) || double.IsNaN(b.W) || double.IsNaN(b.H);

    /// <summary><c>np.clip(v, lo, hi)</c> for scalars: NaN stays NaN, else <c>min(max(v, lo), hi)</c>.</summary>
    public static double NumpyClip(double v, double lo, double hi) => double.IsNaN(v) ? v : Math.Min(Math.Max(v, lo), hi);

    private static double TorchClampMin(double v, double min) => double.IsNaN(v) ? v : Math.Max(v, min);
}
