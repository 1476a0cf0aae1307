using TorchSharp;
using static TorchSharp.torch;

namespace VilTracker.Tests.Foundation;

/// <summary>The native TorchSharp library loads through the build's ELF fix, and computes.</summary>
public class TorchLoadsTests
{
    [Fact]
    public void MatmulOfKnownMatricesIsExact()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = tensor(new double[] { 5, 6, 7, 8 }, 2, 2);
        var c = a.matmul(b);
        Assert.Equal(new double[] { 19, 22, 43, 50 }, c.data<double>().ToArray());
    }
}
