using OpenCvSharp;
using VilTracker.Imaging;

namespace VilTracker.Baselines.OpenCv;

/// <summary>Conversions between VilTracker's RGB <see cref="Frame"/> and OpenCV's BGR <see cref="Mat"/>.</summary>
public static class FrameMat
{
    /// <summary>A new 8-bit, 3-channel BGR <see cref="Mat"/> with the pixels of <paramref name="frame"/> (the caller disposes it).</summary>
    public static Mat ToBgrMat(Frame frame)
    {
        using var rgb = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, frame.Rgb);
        var bgr = new Mat();
        Cv2.CvtColor(rgb, bgr, ColorConversionCodes.RGB2BGR);
        return bgr;
    }

    /// <summary>A new RGB <see cref="Frame"/> from an 8-bit BGR (3-channel), BGRA (4-channel) or grey (1-channel) <see cref="Mat"/>.</summary>
    /// <exception cref="ArgumentException">The Mat is empty or not 8-bit with 1, 3 or 4 channels.</exception>
    public static Frame ToFrame(Mat image)
    {
        if (image.Empty())
            throw new ArgumentException("Cannot convert an empty image to a frame.");
        var code = image.Type() == MatType.CV_8UC3 ? ColorConversionCodes.BGR2RGB
            : image.Type() == MatType.CV_8UC4 ? ColorConversionCodes.BGRA2RGB
            : image.Type() == MatType.CV_8UC1 ? ColorConversionCodes.GRAY2RGB
            : throw new ArgumentException($"Cannot convert an OpenCV image of type {image.Type()} to a frame; expected 8-bit with 1, 3 or 4 channels.");
        using var rgb = new Mat();
        Cv2.CvtColor(image, rgb, code);
        int rows = rgb.Rows, cols = rgb.Cols;
        var bytes = new byte[checked(rows * cols * 3)];
        if (rgb.IsContinuous())
            System.Runtime.InteropServices.Marshal.Copy(rgb.Data, bytes, 0, bytes.Length);
        else
            for (int y = 0; y < rows; y++)
                System.Runtime.InteropServices.Marshal.Copy(rgb.Ptr(y), bytes, y * cols * 3, cols * 3);
        return new Frame(cols, rows, bytes);
    }
}
