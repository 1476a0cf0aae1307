using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Geometry;

/// <summary>Conversions between box layouts for batched <c>(..., 4)</c> tensors.</summary>
public static class BoxTensorFormats
{
    /// <summary>(cx, cy, w, h) to (x1, y1, x2, y2).</summary>
    public static Tensor CxcywhToXyxy(Tensor boxes)
    {
        using var scope = NewDisposeScope();
        var (c, s) = (boxes[TensorIndex.Ellipsis, ..2], boxes[TensorIndex.Ellipsis, 2..]);
        return cat([c - s.Times(0.5), c.Plus(s.Times(0.5))], -1).MoveToOuterDisposeScope();
    }

    /// <summary>(x, y, w, h) to (x1, y1, x2, y2).</summary>
    public static Tensor XywhToXyxy(Tensor boxes)
    {
        using var scope = NewDisposeScope();
        var (xy, s) = (boxes[TensorIndex.Ellipsis, ..2], boxes[TensorIndex.Ellipsis, 2..]);
        return cat([xy, xy.Plus(s)], -1).MoveToOuterDisposeScope();
    }

    /// <summary>(x, y, w, h) to (cx, cy, w, h).</summary>
    public static Tensor XywhToCxcywh(Tensor boxes)
    {
        using var scope = NewDisposeScope();
        var (xy, s) = (boxes[TensorIndex.Ellipsis, ..2], boxes[TensorIndex.Ellipsis, 2..]);
        return cat([xy.Plus(s.Times(0.5)), s], -1).MoveToOuterDisposeScope();
    }
}
