using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>The center head's three maps over the search feature grid (B = batch, fh x fw = feature cells).</summary>
/// <param name="Score">(B, 1, fh, fw): target-centre probability per cell, in [1e-4, 1 − 1e-4].</param>
/// <param name="Size">(B, 2, fh, fw): box (w, h) as fractions of the search crop, in [1e-4, 1 − 1e-4].</param>
/// <param name="Offset">(B, 2, fh, fw): sub-cell (x, y) offset of the centre, in cells, unbounded.</param>
public sealed record CenterMaps(Tensor Score, Tensor Size, Tensor Offset);
