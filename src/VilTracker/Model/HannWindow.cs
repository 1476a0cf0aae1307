using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// OSTrack's cosine window (<c>lib/test/utils/hann.py</c>, centred form): <c>hann1d(n)[k] = 0.5·(1 − cos(2πk/(n+1)))</c>
/// for k = 1..n, so it never reaches 0 inside the map; the 2-D window is the outer product.
/// </summary>
public static class HannWindow
{
    /// <summary>The 1-D window of length <paramref name="size"/>, float32.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static Tensor OneD(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        using var scope = NewDisposeScope();
        var k = TensorMath.Arange(1, size + 1, ScalarType.Float32);
        return cos(k.Times((float)(2 * Math.PI / (size + 1)))).SubtractedFrom(1).Times(0.5f).MoveToOuterDisposeScope();
    }

    /// <summary>The 2-D window <c>(1, 1, height, width)</c>, float32, ready to multiply a score map.</summary>
    public static Tensor TwoD(int height, int width)
    {
        using var scope = NewDisposeScope();
        return (OneD(height).view(1, 1, height, 1) * OneD(width).view(1, 1, 1, width)).MoveToOuterDisposeScope();
    }
}
