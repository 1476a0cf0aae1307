using TorchSharp;
using static TorchSharp.torch;

namespace VilTracker.Tensors;

/// <summary>
/// Tensor arithmetic with scalars that stay alive for the whole native call. TorchSharp 0.107 turns a number into a
/// temporary <see cref="Scalar"/> (an implicit conversion, or the alpha of 1 inside <c>Tensor + Tensor</c> and
/// <c>Tensor + number</c>) whose only owner is its finaliser: once the native call has started, a garbage collection
/// triggered by any other thread (a progress bar, a data loader, a parallel evaluation worker) may free it while the
/// call still reads it, which fails with "Expected false to be true" in <c>Scalar::toDouble</c> or silently uses freed
/// memory. Every project operation that combines a tensor with a number, and every tensor addition, goes through here
/// instead; <c>NoTemporaryScalarsTests</c> checks the compiled code for any other scalar creation.
/// </summary>
/// <remarks>
/// Each method computes exactly what the TorchSharp operator it replaces computes (same kernel, same scalar type):
/// integer overloads keep integer tensors integer, as <c>tensor + 1</c> does.
/// </remarks>
public static class TensorMath
{
    /// <summary>The alpha of plain additions, rooted for the process's lifetime.</summary>
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><c>a + b</c> element-wise (broadcasting).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><c>a + b</c> for a floating-point number.</summary>
    public static Tensor Plus(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.add(scalar, One);
    }

    /// <summary><c>a + b</c> for an integer (integer tensors stay integer).</summary>
    public static Tensor Plus(this Tensor a, long b)
    {
        using var scalar = b.ToScalar();
        return a.add(scalar, One);
    }

    /// <summary><c>a * b</c> for a floating-point number.</summary>
    public static Tensor Times(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.mul(scalar);
    }

    /// <summary><c>a * b</c> for an integer (integer tensors stay integer).</summary>
    public static Tensor Times(this Tensor a, long b)
    {
        using var scalar = b.ToScalar();
        return a.mul(scalar);
    }

    /// <summary><c>a / b</c> (true division) for a floating-point number.</summary>
    public static Tensor DividedBy(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.div(scalar);
    }

    /// <summary><c>a / b</c> (true division, as TorchSharp's <c>/</c>) for an integer.</summary>
    public static Tensor DividedBy(this Tensor a, long b)
    {
        using var scalar = b.ToScalar();
        return a.div(scalar);
    }

    /// <summary><c>b − a</c> element-wise for a floating-point number <paramref name="b"/> (exact: negation is exact).</summary>
    public static Tensor SubtractedFrom(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        using var negated = a.neg();
        return negated.add(scalar, One);
    }

    /// <summary><c>b − a</c> element-wise for an integer <paramref name="b"/> (integer tensors stay integer).</summary>
    public static Tensor SubtractedFrom(this Tensor a, long b)
    {
        using var scalar = b.ToScalar();
        using var negated = a.neg();
        return negated.add(scalar, One);
    }

    /// <summary><c>torch.remainder(a, b)</c> (the sign of the divisor, as Python's %).</summary>
    public static Tensor Remainder(this Tensor a, long b)
    {
        using var scalar = b.ToScalar();
        return a.remainder(scalar);
    }

    /// <summary><c>a.clamp(min: min)</c>.</summary>
    public static Tensor ClampMin(this Tensor a, double min)
    {
        using var scalar = min.ToScalar();
        return a.clamp_min(scalar);
    }

    /// <summary><c>a.clamp(min: min)</c> for an integer bound (integer tensors stay integer).</summary>
    public static Tensor ClampMin(this Tensor a, long min)
    {
        using var scalar = min.ToScalar();
        return a.clamp_min(scalar);
    }

    /// <summary><c>a.clamp(min, max)</c>.</summary>
    public static Tensor Clamp(this Tensor a, double min, double max)
    {
        using var low = min.ToScalar();
        using var high = max.ToScalar();
        return a.clamp(low, high);
    }

    /// <summary><c>a.pow(exponent)</c> for a floating-point exponent.</summary>
    public static Tensor Pow(this Tensor a, double exponent)
    {
        using var scalar = exponent.ToScalar();
        return a.pow(scalar);
    }

    /// <summary><c>a.pow(exponent)</c> for an integer exponent.</summary>
    public static Tensor Pow(this Tensor a, long exponent)
    {
        using var scalar = exponent.ToScalar();
        return a.pow(scalar);
    }

    /// <summary><c>a &lt; b</c> element-wise (a boolean tensor).</summary>
    public static Tensor LessThan(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.lt(scalar);
    }

    /// <summary><c>a == b</c> element-wise (a boolean tensor).</summary>
    public static Tensor EqualTo(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.eq(scalar);
    }

    /// <summary><c>a &gt; b</c> element-wise (a boolean tensor).</summary>
    public static Tensor GreaterThan(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.gt(scalar);
    }

    /// <summary>Fills <paramref name="a"/> with <paramref name="value"/> in place and returns it.</summary>
    public static Tensor Fill(this Tensor a, double value)
    {
        using var scalar = value.ToScalar();
        return a.fill_(scalar);
    }

    /// <summary><c>a.index_add(dim, index, source, alpha)</c>: adds <c>alpha · source</c> at the indexed positions.</summary>
    public static Tensor IndexAdd(this Tensor a, long dim, Tensor index, Tensor source, double alpha)
    {
        using var scalar = alpha.ToScalar();
        return a.index_add(dim, index, source, scalar);
    }

    /// <summary><c>a.mul_(b)</c> in place; returns <paramref name="a"/>.</summary>
    public static Tensor MultiplyInPlace(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.mul_(scalar);
    }

    /// <summary><c>a.add_(b, alpha)</c> in place: <c>a += alpha·b</c>; returns <paramref name="a"/>.</summary>
    public static Tensor AddInPlace(this Tensor a, Tensor b, double alpha)
    {
        using var scalar = alpha.ToScalar();
        return a.add_(b, scalar);
    }

    /// <summary><c>a.add_(b)</c> in place for a number; returns <paramref name="a"/>.</summary>
    public static Tensor AddInPlace(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.add_(scalar, One);
    }

    /// <summary><c>a.addcmul_(b, c, value)</c> in place: <c>a += value·b·c</c>; returns <paramref name="a"/>.</summary>
    public static Tensor AddProductInPlace(this Tensor a, Tensor b, Tensor c, double value)
    {
        using var scalar = value.ToScalar();
        return a.addcmul_(b, c, scalar);
    }

    /// <summary><c>a.addcdiv_(b, c, value)</c> in place: <c>a += value·b/c</c>; returns <paramref name="a"/>.</summary>
    public static Tensor AddQuotientInPlace(this Tensor a, Tensor b, Tensor c, double value)
    {
        using var scalar = value.ToScalar();
        return a.addcdiv_(b, c, scalar);
    }

    /// <summary><c>torch.full(size, value)</c>.</summary>
    public static Tensor Full(long[] size, double value, ScalarType dtype, Device? device = null)
    {
        using var scalar = value.ToScalar();
        return full(size, scalar, dtype, device);
    }

    /// <summary><c>torch.arange(stop)</c>: 0, 1, ..., stop − 1.</summary>
    public static Tensor Arange(long stop, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        using var end = stop.ToScalar();
        return arange(end, dtype, device);
    }

    /// <summary><c>torch.arange(start, stop)</c> with step 1.</summary>
    public static Tensor Arange(double start, double stop, ScalarType dtype, Device? device = null)
    {
        using var first = start.ToScalar();
        using var end = stop.ToScalar();
        return arange(first, end, dtype, device);
    }
}
