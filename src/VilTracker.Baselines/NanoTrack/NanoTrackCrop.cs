using OpenCvSharp;
using VilTracker.Imaging;

namespace VilTracker.Baselines.NanoTrack;

/// <summary>
/// The reference's <c>get_subwindow</c> (NANOTRACK.md §2.4): an N x N square around a centre, pixels outside the
/// frame filled with a padding colour, resized to the model's input side with OpenCV's INTER_LINEAR, in BGR order.
/// </summary>
public static class NanoTrackCrop
{
    /// <summary>
    /// The crop as <paramref name="modelSize"/> x <paramref name="modelSize"/> x 3 bytes, BGR, row-major.
    /// </summary>
    /// <param name="frame">The RGB frame.</param>
    /// <param name="centerX">Crop centre x in pixels (pixel-centre convention of the reference).</param>
    /// <param name="centerY">Crop centre y in pixels.</param>
    /// <param name="modelSize">Output side (127 template, 255 search).</param>
    /// <param name="originalSize">Side N of the square taken from the frame.</param>
    /// <param name="padBgr">Colour of pixels outside the frame, as blue, green, red.</param>
    public static byte[] CropBgr(Frame frame, double centerX, double centerY, int modelSize, int originalSize, ReadOnlySpan<byte> padBgr)
    {
        if (originalSize < 1 || modelSize < 1)
            throw new ArgumentOutOfRangeException(nameof(originalSize), $"Crop sides must be positive (original {originalSize}, model {modelSize}).");
        var patch = Window(frame, centerX, centerY, originalSize, padBgr);
        if (originalSize == modelSize)
            return patch;
        using var source = Mat.FromPixelData(originalSize, originalSize, MatType.CV_8UC3, patch);
        using var resized = new Mat();
        Cv2.Resize(source, resized, new Size(modelSize, modelSize), 0, 0, InterpolationFlags.Linear);
        var output = new byte[modelSize * modelSize * 3];
        System.Runtime.InteropServices.Marshal.Copy(resized.Data, output, 0, output.Length);
        return output;
    }

    /// <summary>HWC BGR bytes to a CHW float tensor body (values 0..255, no normalisation), as the backbone expects.</summary>
    public static float[] ToChwFloats(byte[] bgr, int size)
    {
        int plane = size * size;
        var chw = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            chw[i] = bgr[3 * i];
            chw[plane + i] = bgr[3 * i + 1];
            chw[2 * plane + i] = bgr[3 * i + 2];
        }
        return chw;
    }

    /// <summary>The N x N window, BGR, with the padding colour outside the frame.</summary>
    private static byte[] Window(Frame frame, double centerX, double centerY, int n, ReadOnlySpan<byte> padBgr)
    {
        double c = (n + 1) / 2.0;
        int xMin = (int)Math.Floor(centerX - c + 0.5);
        int yMin = (int)Math.Floor(centerY - c + 0.5);
        var patch = new byte[checked(n * n * 3)];
        int inX0 = Math.Clamp(-xMin, 0, n), inX1 = Math.Clamp(frame.Width - xMin, 0, n);
        byte[] rgb = frame.Rgb;
        for (int y = 0; y < n; y++)
        {
            int sy = yMin + y;
            int row = y * n * 3;
            bool rowInside = sy >= 0 && sy < frame.Height;
            for (int x = 0; x < n; x++)
            {
                int d = row + 3 * x;
                if (rowInside && x >= inX0 && x < inX1)
                {
                    int s = (sy * frame.Width + xMin + x) * 3;
                    patch[d] = rgb[s + 2];
                    patch[d + 1] = rgb[s + 1];
                    patch[d + 2] = rgb[s];
                }
                else
                {
                    patch[d] = padBgr[0];
                    patch[d + 1] = padBgr[1];
                    patch[d + 2] = padBgr[2];
                }
            }
        }
        return patch;
    }

    /// <summary>
    /// The reference's padding colour: the per-channel mean of the whole frame, truncated to bytes, as blue, green, red.
    /// </summary>
    public static byte[] MeanColourBgr(Frame frame)
    {
        long r = 0, g = 0, b = 0;
        byte[] rgb = frame.Rgb;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            r += rgb[i];
            g += rgb[i + 1];
            b += rgb[i + 2];
        }
        double pixels = frame.Width * (double)frame.Height;
        return [(byte)(b / pixels), (byte)(g / pixels), (byte)(r / pixels)];
    }
}
