using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// Turns center-head maps into boxes, batched (OSTrack's <c>cal_bbox</c>, and test-time decoding when a window is
/// given): peak = first argmax of the (optionally windowed) score map; size and offset are read at the peak;
/// box = ((col + ox)/fw, (row + oy)/fh, w, h).
/// </summary>
public static class CenterDecoder
{
    /// <summary>Decodes one box per batch element.</summary>
    /// <param name="maps">The head's maps, score <c>(B, 1, fh, fw)</c>.</param>
    /// <param name="window">Optional <c>(1, 1, fh, fw)</c> multiplier applied to the score before the argmax only
    /// (test time: <see cref="HannWindow.TwoD"/>); <c>null</c> for training.</param>
    /// <exception cref="ArgumentException">The maps' shapes disagree.</exception>
    public static DecodedBoxes Decode(CenterMaps maps, Tensor? window = null)
    {
        var (score, size, offset) = (maps.Score, maps.Size, maps.Offset);
        if (score.dim() != 4 || score.shape[1] != 1 || size.dim() != 4 || size.shape[1] != 2 || offset.dim() != 4 || offset.shape[1] != 2
            || !score.shape.Skip(2).SequenceEqual(size.shape.Skip(2)) || !score.shape.Skip(2).SequenceEqual(offset.shape.Skip(2)))
            throw new ArgumentException(
                $"Decode needs score (B,1,fh,fw), size and offset (B,2,fh,fw); got ({string.Join(",", score.shape)}), ({string.Join(",", size.shape)}), ({string.Join(",", offset.shape)}).");
        using var scope = NewDisposeScope();
        long fh = score.shape[2], fw = score.shape[3];
        var response = window is null ? score : score * window;
        var peak = response.flatten(1).argmax(1);                       // (B), first maximum
        var colIndex = peak.Remainder(fw);
        var col = colIndex.to_type(ScalarType.Float32);
        var row = (peak - colIndex).DividedBy(fw).to_type(ScalarType.Float32); // exact: peak − col is a multiple of fw
        var wh = GatherAt(size, peak);                                  // (B, 2)
        var delta = GatherAt(offset, peak);                             // (B, 2)
        var boxes = stack([col.Plus(delta[.., 0]).DividedBy(fw), row.Plus(delta[.., 1]).DividedBy(fh), wh[.., 0], wh[.., 1]], 1);
        var scores = GatherAt(score, peak).squeeze(1);
        return new DecodedBoxes(boxes.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope(), peak.MoveToOuterDisposeScope());
    }

    /// <summary>The values of <paramref name="map"/> <c>(B, C, fh, fw)</c> at cell <paramref name="peak"/> <c>(B)</c>
    /// (index <c>row·fw + col</c>): <c>(B, C)</c>. Used for size, offset, score and log-variance maps.</summary>
    public static Tensor GatherAt(Tensor map, Tensor peak)
    {
        using var scope = NewDisposeScope();
        long b = map.shape[0], c = map.shape[1];
        var index = peak.view(b, 1, 1).expand(b, c, 1);
        return map.flatten(2).gather(2, index).squeeze(2).MoveToOuterDisposeScope();
    }
}
