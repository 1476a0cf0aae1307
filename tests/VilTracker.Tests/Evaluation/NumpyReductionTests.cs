using VilTracker.Evaluation;

namespace VilTracker.Tests.Evaluation;

/// <summary>numpy's pairwise summation order, checked on cases where the order changes the float64 result.</summary>
public class NumpyReductionTests
{
    private static readonly double E = Math.Pow(2, -53); // half an ulp of 1.0

    [Fact]
    public void EightValuesUseEightPartialSums()
    {
        // [1, e, e, e, e, e, e, e]: left to right every 1 + e ties to even and stays 1.
        // numpy: ((1 + e) + (e + e)) + ((e + e) + (e + e)) = (1 + 2^-52) + 2^-51 = 1 + 3 * 2^-52 exactly.
        double[] a = [1, E, E, E, E, E, E, E];
        Assert.Equal(1.0, a.Aggregate(0.0, (s, v) => s + v));
        Assert.Equal(1 + 3 * Math.Pow(2, -52), NumpyReduction.PairwiseSum(a));
        Assert.Equal((1 + 3 * Math.Pow(2, -52)) / 8, NumpyReduction.Mean(a));
    }

    [Fact]
    public void RemainderBeyondMultipleOfEightIsAddedLeftToRight()
    {
        // 9 values: the eight partial sums give 1 + 3 * 2^-52 as above (no full second block of 8),
        // then the 9th value e: 1 + 3 * 2^-52 + 2^-53 ties to even -> 1 + 4 * 2^-52.
        double[] a = [1, E, E, E, E, E, E, E, E];
        Assert.Equal(1 + 4 * Math.Pow(2, -52), NumpyReduction.PairwiseSum(a));
    }

    [Fact]
    public void LongArraysSplitAtAMultipleOfEight()
    {
        // 200 values: split 96 + 104 (100 rounded down to a multiple of 8); each half starts with its own 1.0 partial.
        // Put 1.0 at index 0 and at index 96 and e elsewhere: each half sums its e's in pairs that survive.
        var a = Enumerable.Repeat(E, 200).ToArray();
        a[0] = 1;
        a[96] = 1;
        var left = NumpyReduction.PairwiseSum(a.AsSpan(0, 96));
        var right = NumpyReduction.PairwiseSum(a.AsSpan(96));
        Assert.Equal(left + right, NumpyReduction.PairwiseSum(a));
        // left half: 8 partials r0 = 1 + 11e (1 + e ties to 1 each time) = 1, r1..r7 = 12e each -> well above 1 ulp.
        Assert.True(left > 1 + 60 * E);
        Assert.True(NumpyReduction.PairwiseSum(a) > 2 + 100 * E);
        Assert.Equal(2.0, a.Aggregate(0.0, (s, v) => s + v)); // left to right loses every e
    }

    [Fact]
    public void EmptyMeanIsNaN()
    {
        Assert.True(double.IsNaN(NumpyReduction.Mean(Array.Empty<double>())));
    }
}
