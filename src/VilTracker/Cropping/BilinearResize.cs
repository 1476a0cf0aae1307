using System.Numerics;

namespace VilTracker.Cropping;

/// <summary>
/// Bilinear resize of interleaved 8-bit images, bit-compatible with OpenCV's <c>cv::resize</c> with the default
/// <c>INTER_LINEAR</c> on <c>CV_8U</c> data (the resize OSTrack applies to its crops).
/// </summary>
/// <remarks>
/// OpenCV samples at half-pixel centres (<c>src = (dst + 0.5)·scale − 0.5</c>, computed in float), replicates the
/// border, and works in fixed point: each weight is rounded (half to even) to 11 fractional bits, the horizontal pass
/// keeps exact integer sums, and the vertical pass rounds to uint8 the way OpenCV's vector code does (each product
/// truncated to 16 bits before the final rounding shift; OpenCV's scalar formula can be one higher). Byte-for-byte
/// equality with OpenCvSharp 4.13's <c>Cv2.Resize</c> is checked in the tests, over sizes from 1x1 to 512x512.
/// An exact 2x downscale, which OpenCV routes to <c>INTER_AREA</c>, gives the same bytes through this path.
/// </remarks>
public static class BilinearResize
{
    private const int CoefficientBits = 11;
    private const int CoefficientScale = 1 << CoefficientBits;

    /// <summary>
    /// Resizes <paramref name="source"/> (<paramref name="sourceHeight"/> x <paramref name="sourceWidth"/> x
    /// <paramref name="channels"/> bytes, row-major, interleaved) to <paramref name="width"/> x
    /// <paramref name="height"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive or the buffer length does not match it.</exception>
    public static byte[] Resize(byte[] source, int sourceWidth, int sourceHeight, int channels, int width, int height)
    {
        if (source.Length != checked(sourceWidth * sourceHeight * channels))
            throw new ArgumentException(
                $"Resize source has {source.Length} bytes; a {sourceWidth}x{sourceHeight}x{channels} image needs {sourceWidth * sourceHeight * channels}.");
        int stride = sourceWidth * channels;
        return Resize((sy, row) => source.AsSpan(sy * stride, stride).CopyTo(row), sourceWidth, sourceHeight, channels, width, height);
    }

    /// <summary>
    /// Resizes a virtual <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> image whose rows are produced
    /// on demand by <paramref name="fillRow"/> (row index, buffer of <c>sourceWidth * channels</c> bytes to fill), so a
    /// large padded crop never has to be materialised. Each source row is requested at most once.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public static byte[] Resize(SourceRowFiller fillRow, int sourceWidth, int sourceHeight, int channels, int width, int height)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0 || width <= 0 || height <= 0 || channels <= 0)
            throw new ArgumentException(
                $"Resize needs positive sizes, got source {sourceWidth}x{sourceHeight}x{channels} -> {width}x{height}.");
        var taps = HorizontalTaps(sourceWidth, width, channels);
        var (yOffsets, betas) = VerticalTaps(sourceHeight, height);
        int rowLength = width * channels;
        var result = new byte[height * rowLength];
        var sourceRow = new byte[sourceWidth * channels];
        // Horizontally resampled rows for the two source rows the current output row reads (OpenCV's ring buffer).
        int[] s0 = new int[rowLength], s1 = new int[rowLength];
        int row0 = int.MinValue, row1 = int.MinValue;

        for (int dy = 0; dy < height; dy++)
        {
            int sy0 = Math.Clamp(yOffsets[dy], 0, sourceHeight - 1);
            int sy1 = Math.Clamp(yOffsets[dy] + 1, 0, sourceHeight - 1);
            if (sy0 != row0)
            {
                if (sy0 == row1) { (s0, s1) = (s1, s0); row0 = row1; row1 = int.MinValue; }
                else { fillRow(sy0, sourceRow); ResampleRow(sourceRow, taps, channels, s0); row0 = sy0; }
            }
            if (sy1 != row1)
            {
                if (sy1 == row0) Array.Copy(s0, s1, rowLength);
                else { fillRow(sy1, sourceRow); ResampleRow(sourceRow, taps, channels, s1); }
                row1 = sy1;
            }
            CombineRows(s0, s1, betas[2 * dy], betas[2 * dy + 1], result.AsSpan(dy * rowLength, rowLength));
        }
        return result;
    }

    /// <summary>Fills <paramref name="row"/> with source row <paramref name="y"/> (interleaved bytes).</summary>
    public delegate void SourceRowFiller(int y, Span<byte> row);

    private static unsafe void ResampleRow(byte[] source, Taps taps, int channels, int[] row)
    {
        fixed (byte* src = source)
        fixed (int* first = taps.First, second = taps.Second, dst = row)
        fixed (short* w0 = taps.FirstWeight, w1 = taps.SecondWeight)
        {
            int n = taps.First.Length;
            if (channels == 3)
            {
                for (int dx = 0; dx < n; dx++)
                {
                    byte* p = src + first[dx], q = src + second[dx];
                    int a0 = w0[dx], a1 = w1[dx];
                    int* d = dst + 3 * dx;
                    d[0] = p[0] * a0 + q[0] * a1;
                    d[1] = p[1] * a0 + q[1] * a1;
                    d[2] = p[2] * a0 + q[2] * a1;
                }
                return;
            }
            for (int dx = 0; dx < n; dx++)
                for (int c = 0; c < channels; c++)
                    dst[dx * channels + c] = src[first[dx] + c] * w0[dx] + src[second[dx] + c] * w1[dx];
        }
    }

    /// <summary>OpenCV's vector rounding: <c>(mulhi(S0 &gt;&gt; 4, b0) + mulhi(S1 &gt;&gt; 4, b1) + 2) &gt;&gt; 2</c>, saturated.</summary>
    private static void CombineRows(int[] row0, int[] row1, int b0, int b1, Span<byte> result)
    {
        int n = result.Length, x = 0, lanes = Vector<int>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var beta0 = new Vector<int>(b0);
            var beta1 = new Vector<int>(b1);
            var two = new Vector<int>(2);
            var max = new Vector<int>(255);
            Vector<int> Lane(int at) => Vector.Min(max, Vector.Max(Vector<int>.Zero, Vector.ShiftRightArithmetic(
                Vector.ShiftRightArithmetic(Vector.ShiftRightArithmetic(new Vector<int>(row0, at), 4) * beta0, 16)
                + Vector.ShiftRightArithmetic(Vector.ShiftRightArithmetic(new Vector<int>(row1, at), 4) * beta1, 16) + two, 2)));
            for (; x <= n - 4 * lanes; x += 4 * lanes)
            {
                var low = Vector.Narrow(Lane(x), Lane(x + lanes));
                var high = Vector.Narrow(Lane(x + 2 * lanes), Lane(x + 3 * lanes));
                Vector.AsVectorByte(Vector.Narrow(low, high)).CopyTo(result[x..]);
            }
        }
        for (; x < n; x++)
        {
            int v = ((((row0[x] >> 4) * b0) >> 16) + (((row1[x] >> 4) * b1) >> 16) + 2) >> 2;
            result[x] = (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }

    /// <summary>Per output column: byte offsets of the two source pixels and their fixed-point weights.</summary>
    private sealed record Taps(int[] First, int[] Second, short[] FirstWeight, short[] SecondWeight);

    private static Taps HorizontalTaps(int sourceWidth, int width, int channels)
    {
        double scale = 1.0 / ((double)width / sourceWidth);
        var taps = new Taps(new int[width], new int[width], new short[width], new short[width]);
        for (int dx = 0; dx < width; dx++)
        {
            float fx = (float)((dx + 0.5) * scale - 0.5);
            int sx = (int)MathF.Floor(fx);
            fx -= sx;
            if (sx < 0) { sx = 0; fx = 0; }
            if (sx >= sourceWidth - 1) { sx = sourceWidth - 1; fx = 0; }
            taps.First[dx] = sx * channels;
            taps.Second[dx] = Math.Min(sx + 1, sourceWidth - 1) * channels; // weight 0 at the right border
            taps.FirstWeight[dx] = RoundCoefficient(1f - fx);
            taps.SecondWeight[dx] = RoundCoefficient(fx);
        }
        return taps;
    }

    private static (int[] Offsets, short[] Betas) VerticalTaps(int sourceHeight, int height)
    {
        double scale = 1.0 / ((double)height / sourceHeight);
        var offsets = new int[height];
        var betas = new short[height * 2];
        for (int dy = 0; dy < height; dy++)
        {
            float fy = (float)((dy + 0.5) * scale - 0.5);
            int sy = (int)MathF.Floor(fy);
            fy -= sy;
            offsets[dy] = sy; // rows outside the image are clamped when read (OpenCV clamps rows, not weights)
            betas[2 * dy] = RoundCoefficient(1f - fy);
            betas[2 * dy + 1] = RoundCoefficient(fy);
        }
        return (offsets, betas);
    }

    private static short RoundCoefficient(float weight) => (short)MathF.Round(weight * CoefficientScale, MidpointRounding.ToEven);
}
