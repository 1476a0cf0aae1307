using static TorchSharp.torch;

namespace VilTracker.IO;

/// <summary>One entry of a safetensors header: where a tensor's bytes are and how to read them.</summary>
/// <param name="Name">Tensor name (e.g. <c>blocks.0.rowwise_from_top_left.norm.weight</c>).</param>
/// <param name="DType">The format's dtype name (e.g. <c>F32</c>).</param>
/// <param name="Type">The matching torch element type.</param>
/// <param name="Shape">Dimensions (empty for a scalar).</param>
/// <param name="Begin">First byte, relative to the start of the data section.</param>
/// <param name="End">One past the last byte, relative to the start of the data section.</param>
public sealed record SafeTensorInfo(string Name, string DType, ScalarType Type, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
