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
        if (sourceWidth <= 0 || sourceHeight <= 0 || width <= 0 || height <= 0 || channels <= 0)
            throw new ArgumentException(
                $"Resize needs positive sizes, got source {sourceWidth}x{sourceHeight}x{channels} -> {width}x{height}.");
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
    public static byte[] Resize(SourceRowFiller fillRow, int sourceWidth, int sourceHeight, int channels, int width, int height)
    {
        var (xOffsets, alphas) = HorizontalTaps(sourceWidth, width, channels);
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
                else { fillRow(sy0, sourceRow); ResampleRow(sourceRow, xOffsets, alphas, channels, s0); row0 = sy0; }
            }
            if (sy1 != row1)
            {
                if (sy1 == row0) Array.Copy(s0, s1, rowLength);
                else { fillRow(sy1, sourceRow); ResampleRow(sourceRow, xOffsets, alphas, channels, s1); }
                row1 = sy1;
            }
            CombineRows(s0, s1, betas[2 * dy], betas[2 * dy + 1], result.AsSpan(dy * rowLength, rowLength));
        }
        return result;
    }

    /// <summary>Fills <paramref name="row"/> with source row <paramref name="y"/> (interleaved bytes).</summary>
    public delegate void SourceRowFiller(int y, Span<byte> row);

    private static unsafe void ResampleRow(byte[] source, int[] xOffsets, short[] alphas, int channels, int[] row)
    {
        fixed (byte* src = source)
        fixed (int* offsets = xOffsets, dst = row)
        fixed (short* alpha = alphas)
        {
            for (int i = 0, n = row.Length; i < n; i++)
            {
                byte* s = src + offsets[i];
                int a1 = alpha[2 * i + 1];
                dst[i] = a1 == 0 ? s[0] * alpha[2 * i] : s[0] * alpha[2 * i] + s[channels] * a1;
            }
        }
    }

    /// <summary>OpenCV's vector rounding: <c>(mulhi(S0 &gt;&gt; 4, b0) + mulhi(S1 &gt;&gt; 4, b1) + 2) &gt;&gt; 2</c>, saturated.</summary>
    private static unsafe void CombineRows(int[] row0, int[] row1, int b0, int b1, Span<byte> result)
    {
        fixed (int* s0 = row0, s1 = row1)
        fixed (byte* dst = result)
        {
            for (int x = 0, n = result.Length; x < n; x++)
            {
                int v = ((((s0[x] >> 4) * b0) >> 16) + (((s1[x] >> 4) * b1) >> 16) + 2) >> 2;
                dst[x] = (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    private static (int[] Offsets, short[] Alphas) HorizontalTaps(int sourceWidth, int width, int channels)
    {
        double scale = 1.0 / ((double)width / sourceWidth);
        var offsets = new int[width * channels];
        var alphas = new short[width * channels * 2];
        for (int dx = 0; dx < width; dx++)
        {
            float fx = (float)((dx + 0.5) * scale - 0.5);
            int sx = (int)MathF.Floor(fx);
            fx -= sx;
            if (sx < 0) { sx = 0; fx = 0; }
            if (sx >= sourceWidth - 1) { sx = sourceWidth - 1; fx = 0; }
            short a0 = RoundCoefficient(1f - fx), a1 = RoundCoefficient(fx);
            for (int c = 0; c < channels; c++)
            {
                int i = dx * channels + c;
                offsets[i] = sx * channels + c;
                alphas[2 * i] = a0;
                alphas[2 * i + 1] = a1;
            }
        }
        return (offsets, alphas);
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
