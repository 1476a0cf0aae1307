using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Cropping;

/// <summary>
/// Cuts the square, zero-padded, resized crops the tracker sees: OSTrack's <c>sample_target</c>
/// (<c>lib/train/data/processing_utils.py</c>), pixel for pixel.
/// </summary>
public static class TargetCropper
{
    /// <summary>
    /// The crop of <paramref name="frame"/> around <paramref name="box"/> with side
    /// <c>ceil(sqrt(w·h)·factor)</c>, zero outside the frame, resized to <paramref name="outputSize"/> with
    /// OpenCV-compatible bilinear interpolation on bytes.
    /// </summary>
    /// <remarks>
    /// Kept quirk: when the crop reaches the right (bottom) border, OSTrack's padding <c>x2 − W + 1</c> replaces the
    /// frame's last column (row) by zero too. Divergence: a crop lying entirely outside the frame is all zeros here,
    /// where Python's negative slice indices would wrap around.
    /// </remarks>
    /// <exception cref="ArgumentException">Bad box, factor or output size (see <see cref="CropWindow.Centered"/>).</exception>
    public static TargetCrop Sample(Frame frame, Box box, double factor, int outputSize)
    {
        var window = CropWindow.Centered(box, factor, outputSize);
        return new TargetCrop(Cut(frame, window), window);
    }

    /// <summary>Cuts and resizes the crop described by <paramref name="window"/>.</summary>
    public static Frame Cut(Frame frame, CropWindow window)
    {
        int size = window.CropSize, x1 = window.X1, y1 = window.Y1;
        int x2 = x1 + size, y2 = y1 + size;
        int x1Pad = Math.Max(0, -x1), x2Pad = Math.Max(x2 - frame.Width + 1, 0);
        int y1Pad = Math.Max(0, -y1), y2Pad = Math.Max(y2 - frame.Height + 1, 0);
        // Crop columns [colStart, colEnd) and rows [rowStart, rowEnd) come from the frame; the rest is zero.
        int colStart = Math.Min(x1Pad, size), colEnd = Math.Max(colStart, size - x2Pad);
        int rowStart = Math.Min(y1Pad, size), rowEnd = Math.Max(rowStart, size - y2Pad);
        byte[] rgb = frame.Rgb;
        int frameStride = frame.Width * 3;

        void FillRow(int y, Span<byte> row)
        {
            row.Clear();
            if (y < rowStart || y >= rowEnd || colEnd == colStart) return;
            int source = (y1 + y) * frameStride + (x1 + colStart) * 3;
            rgb.AsSpan(source, (colEnd - colStart) * 3).CopyTo(row[(colStart * 3)..]);
        }

        byte[] resized = BilinearResize.Resize(FillRow, size, size, 3, window.OutputSize, window.OutputSize);
        return new Frame(window.OutputSize, window.OutputSize, resized);
    }
}
