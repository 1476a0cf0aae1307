using VilTracker.Evaluation;

namespace VilTracker.Tests.Evaluation;

/// <summary>Threshold arrays equal the toolkits' float64 values, last bit included.</summary>
public class ThresholdSetsTests
{
    // repr() of numpy.arange(0, 1.05, 0.05) elements, i.e. i * 0.05 in float64 (values from the numpy formula
    // start + i*delta; 0.15000000000000002 is quoted in the spec).
    private static readonly double[] NumpyOverlap =
    [
        0.0, 0.05, 0.1, 0.15000000000000002, 0.2, 0.25, 0.30000000000000004, 0.35000000000000003, 0.4, 0.45, 0.5,
        0.55, 0.6000000000000001, 0.65, 0.7000000000000001, 0.75, 0.8, 0.8500000000000001, 0.9, 0.9500000000000001, 1.0,
    ];

    [Fact]
    public void PysotOverlapIsNumpyArange()
    {
        Assert.Equal(NumpyOverlap, ThresholdSets.PysotOverlap);
    }

    [Fact]
    public void Got10kLinspace21EqualsNumpyArangeValues()
    {
        // linspace(0, 1, 21)[i] = i * (1/20) = i * 0.05, last forced to 1.0: the same doubles as the arange.
        Assert.Equal(NumpyOverlap, ThresholdSets.Got10kOverlap);
    }

    [Fact]
    public void PytrackingOverlapDiffersFromNumpyOnlyWhereTorchVectorisesTheAdd()
    {
        // torch fills lanes as base + j*step with base = 0.05*4k: index 13 = 0.6000000000000001 + 0.05,
        // index 15 = 0.6000000000000001 + 3*0.05; the spec quotes 0.7500000000000001.
        var expected = (double[])NumpyOverlap.Clone();
        expected[13] = 0.6500000000000001;
        expected[15] = 0.7500000000000001;
        Assert.Equal(expected, ThresholdSets.PytrackingOverlap);
        Assert.Equal(0.6000000000000001 + 0.05, ThresholdSets.PytrackingOverlap[13]);
    }

    [Fact]
    public void Float32ReloadSelectsOp50AndOp75Indices()
    {
        // print_results compares the float32 thresholds with 0.50 and 0.75: 0.7500000000000001 -> 0.75f matches.
        Assert.Equal(10, ThresholdSets.Float32Index(ThresholdSets.PytrackingOverlap, 0.50));
        Assert.Equal(15, ThresholdSets.Float32Index(ThresholdSets.PytrackingOverlap, 0.75));
        Assert.NotEqual(0.75, ThresholdSets.PytrackingOverlap[15]);
    }

    [Fact]
    public void NormalisedThresholdsDivisionVersusLinspace()
    {
        // np.arange(0,51)/100 divides (35/100 = 0.35); np.linspace(0,0.5,51) multiplies 35*0.01 = 0.35000000000000003.
        Assert.Equal(51, ThresholdSets.PysotCenterNormalized.Count);
        Assert.Equal(0.35, ThresholdSets.PysotCenterNormalized[35]);
        Assert.Equal(0.35000000000000003, ThresholdSets.Got10kCenterNormalized[35]);
        Assert.Equal(0.41000000000000003, ThresholdSets.Got10kCenterNormalized[41]);
        Assert.Equal(0.2, ThresholdSets.Got10kCenterNormalized[20]);
        Assert.Equal(0.5, ThresholdSets.Got10kCenterNormalized[50]);
        Assert.Equal(ThresholdSets.PysotCenterNormalized, ThresholdSets.PytrackingCenterNormalized);
    }

    [Fact]
    public void Got10kDatasetCurveHas101Bins()
    {
        var t = ThresholdSets.Got10kDatasetOverlap;
        Assert.Equal(101, t.Count);
        Assert.Equal(0.5, t[50]);   // 50 * 0.01
        Assert.Equal(0.75, t[75]);
        Assert.Equal(1.0, t[100]);
        Assert.Equal(Enumerable.Range(0, 51).Select(i => (double)i), ThresholdSets.PysotCenter);
    }
}
