namespace VilTracker.Evaluation;

/// <summary>
/// The threshold arrays exactly as the toolkits build them (bit-for-bit float64 values), because a metric
/// counts <c>iou &gt; thr</c> or <c>err &lt;= thr</c> and a last-ulp difference can move a frame across.
/// </summary>
public static class ThresholdSets
{
    /// <summary>
    /// <c>numpy.arange(start, stop, step)</c> for float64: length <c>ceil((stop - start) / step)</c>,
    /// element 0 = <c>start</c>, element 1 = <c>start + step</c>, element i &gt;= 2 = <c>start + i * (element1 - start)</c>
    /// (numpy's <c>DOUBLE_fill</c>).
    /// </summary>
    public static double[] NumpyArange(double start, double stop, double step)
    {
        int length = (int)Math.Ceiling((stop - start) / step);
        var values = new double[Math.Max(length, 0)];
        if (values.Length == 0) return values;
        values[0] = start;
        if (values.Length == 1) return values;
        values[1] = start + step;
        double delta = values[1] - start;
        for (int i = 2; i < values.Length; i++)
            values[i] = start + i * delta;
        return values;
    }

    /// <summary>
    /// <c>numpy.linspace(start, stop, num)</c> (endpoint included): element i = <c>i * ((stop - start) / (num - 1)) + start</c>,
    /// last element set to <paramref name="stop"/>.
    /// </summary>
    public static double[] NumpyLinspace(double start, double stop, int num)
    {
        var values = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++)
            values[i] = i * step + start;
        values[num - 1] = stop;
        return values;
    }

    /// <summary>
    /// <c>torch.arange(start, stop, step, dtype=torch.float64)</c> on CPU (torch 1.13, the version the spec was
    /// verified with): ATen's <c>vectorized_loop</c> fills blocks of 8 elements as two 4-lane vectors (a 32-byte
    /// <c>Vectorized&lt;double&gt;</c>, as in the DEFAULT and AVX2 kernels) <c>base + j * step</c> with
    /// <c>base = start + step * idx</c>, and the remaining tail with scalar <c>start + step * idx</c>.
    /// For (0, 1.05, 0.05) this yields 0.6500000000000001 and 0.7500000000000001 where numpy has 0.65 and 0.75
    /// (the spec's observation). An AVX-512 kernel (8 lanes) would give numpy's values instead.
    /// </summary>
    public static double[] TorchArangeFloat64Avx2(double start, double stop, double step)
    {
        int length = (int)Math.Ceiling((stop - start) / step);
        var values = new double[Math.Max(length, 0)];
        const int lanes = 4, block = 2 * lanes;
        int i = 0;
        for (; i <= values.Length - block; i += block)
        {
            for (int v = 0; v < block; v += lanes)
            {
                double vectorBase = start + step * (i + v);
                values[i + v] = vectorBase;
                for (int j = 1; j < lanes; j++)
                    values[i + v + j] = vectorBase + j * step;
            }
        }
        for (; i < values.Length; i++)
            values[i] = start + step * i;
        return values;
    }

    /// <summary><c>k / divisor</c> for k = 0..count-1 (numpy <c>np.arange(0, 51) / 100</c>, torch <c>arange(0, 51) / 100.0</c>).</summary>
    public static double[] IntegersDividedBy(int count, double divisor)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++) values[k] = k / divisor;
        return values;
    }

    /// <summary>0, 1, ..., count-1 as doubles (center-error thresholds in pixels).</summary>
    public static double[] Integers(int count)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++) values[k] = k;
        return values;
    }

    /// <summary>pysot success thresholds: <c>np.arange(0, 1.05, 0.05)</c> (21 values).</summary>
    public static IReadOnlyList<double> PysotOverlap { get; } = NumpyArange(0, 1.05, 0.05);

    /// <summary>pysot precision thresholds: <c>np.arange(0, 51, 1)</c> pixels.</summary>
    public static IReadOnlyList<double> PysotCenter { get; } = Integers(51);

    /// <summary>pysot normalised-precision thresholds: <c>np.arange(0, 51) / 100</c>.</summary>
    public static IReadOnlyList<double> PysotCenterNormalized { get; } = IntegersDividedBy(51, 100);

    /// <summary>pytracking success thresholds: <c>torch.arange(0.0, 1.05, 0.05, dtype=float64)</c> (21 values).</summary>
    public static IReadOnlyList<double> PytrackingOverlap { get; } = TorchArangeFloat64Avx2(0, 1.0 + 0.05, 0.05);

    /// <summary>pytracking precision thresholds: <c>torch.arange(0, 51, dtype=float64)</c> pixels.</summary>
    public static IReadOnlyList<double> PytrackingCenter { get; } = Integers(51);

    /// <summary>pytracking normalised-precision thresholds: <c>torch.arange(0, 51, dtype=float64) / 100.0</c>.</summary>
    public static IReadOnlyList<double> PytrackingCenterNormalized { get; } = IntegersDividedBy(51, 100);

    /// <summary>got10k OTB/LaSOT success thresholds: <c>np.linspace(0, 1, 21)</c>.</summary>
    public static IReadOnlyList<double> Got10kOverlap { get; } = NumpyLinspace(0, 1, 21);

    /// <summary>got10k precision thresholds: <c>np.arange(0, 51)</c> pixels.</summary>
    public static IReadOnlyList<double> Got10kCenter { get; } = Integers(51);

    /// <summary>got10k LaSOT normalised-precision thresholds: <c>np.linspace(0, 0.5, 51)</c>.</summary>
    public static IReadOnlyList<double> Got10kCenterNormalized { get; } = NumpyLinspace(0, 0.5, 51);

    /// <summary>GOT-10k success thresholds: <c>np.linspace(0, 1, 101)</c>.</summary>
    public static IReadOnlyList<double> Got10kDatasetOverlap { get; } = NumpyLinspace(0, 1, 101);

    /// <summary>
    /// pytracking's <c>print_results</c> picks OP50/OP75 with <c>threshold == 0.50</c> / <c>== 0.75</c> on the thresholds
    /// reloaded as float32; this returns the index that comparison selects (so 0.7500000000000001 matches 0.75).
    /// </summary>
    public static int Float32Index(IReadOnlyList<double> thresholds, double value)
    {
        for (int i = 0; i < thresholds.Count; i++)
            if ((float)thresholds[i] == (float)value) return i;
        throw new ArgumentException($"No threshold equals {value} in float32.", nameof(value));
    }
}
