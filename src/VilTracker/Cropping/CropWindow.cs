using VilTracker.Geometry;

namespace VilTracker.Cropping;

/// <summary>
/// Where a square crop lies in its frame, following OSTrack's <c>sample_target</c>: a square of
/// <see cref="CropSize"/> pixels with top-left (<see cref="X1"/>, <see cref="Y1"/>), centred on
/// <see cref="Around"/> and resized to <see cref="OutputSize"/> pixels.
/// </summary>
/// <param name="Around">The box the crop was centred on (the tracker's previous state, or the jittered box in training).</param>
/// <param name="X1">Left column of the crop in the frame (may be negative: zero padding).</param>
/// <param name="Y1">Top row of the crop in the frame (may be negative: zero padding).</param>
/// <param name="CropSize">Side of the square cut from the frame, in frame pixels.</param>
/// <param name="OutputSize">Side of the resized crop, in pixels.</param>
public readonly record struct CropWindow(Box Around, int X1, int Y1, int CropSize, int OutputSize)
{
    /// <summary><c>OutputSize / CropSize</c>: crop pixels per frame pixel (OSTrack's <c>resize_factor</c>).</summary>
    public double ResizeFactor => (double)OutputSize / CropSize;

    /// <summary>
    /// The crop OSTrack cuts around <paramref name="box"/>: side <c>ceil(sqrt(w·h)·factor)</c>, top-left
    /// <c>round(centre − side/2)</c> with Python's round half to even.
    /// </summary>
    /// <exception cref="ArgumentException">The box is not finite with positive size, the factor is not positive,
    /// the output size is not positive, or the crop would be smaller than one pixel.</exception>
    public static CropWindow Centered(Box box, double factor, int outputSize)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"Cannot crop around box {box}: it needs finite values and a positive width and height.", nameof(box));
        if (!(factor > 0) || !double.IsFinite(factor))
            throw new ArgumentException($"Crop factor must be a positive finite number, got {factor}.", nameof(factor));
        if (outputSize <= 0)
            throw new ArgumentException($"Crop output size must be positive, got {outputSize}.", nameof(outputSize));
        double side = Math.Ceiling(Math.Sqrt(box.W * box.H) * factor);
        if (side < 1 || side > int.MaxValue / 4)
            throw new ArgumentException($"Crop side {side} around box {box} with factor {factor} is out of range (too small or too large a box).", nameof(box));
        int cropSize = (int)side;
        int x1 = (int)Math.Round(box.X + 0.5 * box.W - cropSize * 0.5, MidpointRounding.ToEven);
        int y1 = (int)Math.Round(box.Y + 0.5 * box.H - cropSize * 0.5, MidpointRounding.ToEven);
        return new CropWindow(box, x1, y1, cropSize, outputSize);
    }

    /// <summary>
    /// Maps a box predicted in this crop (normalised centre and size) back to frame pixels, as OSTrack's test-time
    /// <c>map_box_back</c>: the crop's centre is taken to be the centre of <see cref="Around"/> (not the rounded
    /// <see cref="X1"/>, <see cref="Y1"/>).
    /// </summary>
    public Box MapBack(NormalizedCenterBox predicted)
    {
        double toFrame = OutputSize / ResizeFactor;
        double half = 0.5 * OutputSize / ResizeFactor;
        double cx = predicted.Cx * toFrame + Around.CenterX - half;
        double cy = predicted.Cy * toFrame + Around.CenterY - half;
        double w = predicted.W * toFrame, h = predicted.H * toFrame;
        return new Box(cx - 0.5 * w, cy - 0.5 * h, w, h);
    }

    /// <summary>The exact inverse of <see cref="MapBack"/>: a frame box expressed in this crop, normalised.</summary>
    public NormalizedCenterBox Normalize(Box box)
    {
        double toFrame = OutputSize / ResizeFactor;
        double half = 0.5 * OutputSize / ResizeFactor;
        return new NormalizedCenterBox(
            (box.CenterX - Around.CenterX + half) / toFrame,
            (box.CenterY - Around.CenterY + half) / toFrame,
            box.W / toFrame,
            box.H / toFrame);
    }

    /// <summary>
    /// A frame box expressed in this crop as OSTrack's training targets are (<c>transform_image_to_crop</c> with
    /// <c>normalize=True</c>): centre <c>(OutputSize − 1)/2 + (centre − centre of Around)·ResizeFactor</c>, size
    /// <c>·ResizeFactor</c>, all divided by <see cref="OutputSize"/>. This sits half a crop pixel up-left of
    /// <see cref="Normalize"/>; the offset is OSTrack's and kept so trained models see the targets it uses.
    /// </summary>
    public NormalizedCenterBox NormalizeAsTrainingTarget(Box box)
    {
        double rf = ResizeFactor, centre = (OutputSize - 1) / 2.0;
        return new NormalizedCenterBox(
            (centre + (box.CenterX - Around.CenterX) * rf) / OutputSize,
            (centre + (box.CenterY - Around.CenterY) * rf) / OutputSize,
            box.W * rf / OutputSize,
            box.H * rf / OutputSize);
    }
}
