namespace VilTracker.Evaluation;

/// <summary>
/// numpy's float64 summation order, so means over whole arrays match the toolkits to the last bit:
/// <c>np.sum</c>/<c>np.mean</c> of a contiguous array uses pairwise summation (blocks of 8 partial sums up to 128
/// elements, recursive halving above); a mean along axis 0 of a 2-D array adds rows one after another.
/// </summary>
public static class NumpyReduction
{
    private const int BlockSize = 128;

    /// <summary><c>np.add.reduce</c> of a contiguous float64 array (numpy's <c>pairwise_sum_DOUBLE</c>).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = -0.0;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < n - n % 8; i += 8)
                for (int j = 0; j < 8; j++) r[j] += a[i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary><c>np.mean</c> of a contiguous float64 array: pairwise sum divided by the count (NaN when empty).</summary>
    public static double Mean(ReadOnlySpan<double> a) => a.Length == 0 ? double.NaN : PairwiseSum(a) / a.Length;

    /// <summary><see cref="Mean(ReadOnlySpan{double})"/> of a list.</summary>
    public static double Mean(IReadOnlyList<double> a) => Mean(a as double[] ?? a.ToArray());
}
