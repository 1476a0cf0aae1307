using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>Boxes decoded from center-head maps, one per batch element.</summary>
/// <param name="Boxes">(B, 4): normalised (cx, cy, w, h) in the search crop.</param>
/// <param name="Scores">(B): the score map's value at the chosen cell (before any window).</param>
/// <param name="PeakIndices">(B) int64: chosen cell as <c>row·fw + col</c>.</param>
public sealed record DecodedBoxes(Tensor Boxes, Tensor Scores, Tensor PeakIndices);
