using static TorchSharp.torch;

namespace VilTracker.Model;

/// <summary>
/// What one forward of <see cref="TrackerModel"/> produces for a batch. Maps are on the search grid (fh x fw).
/// The tensors belong to the caller's dispose scope.
/// </summary>
/// <param name="Score">Centre score map (B, 1, fh, fw), sigmoid clamped to [1e-4, 1 − 1e-4].</param>
/// <param name="Size">Normalised box size map (B, 2, fh, fw): w, h relative to the search crop, sigmoid clamped.</param>
/// <param name="Offset">Sub-cell centre offset map (B, 2, fh, fw), raw.</param>
/// <param name="LogVariance">Log-variance map of (cx, cy, w, h) (B, 4, fh, fw), clamped to a sane range.</param>
/// <param name="TemplateFeature">Mean of the template tokens after the backbone (B, D): the template's temporal feature.</param>
/// <param name="SearchFeatures">Search tokens after the backbone as a map (B, D, fh, fw).</param>
public sealed record TrackerOutput(
    Tensor Score,
    Tensor Size,
    Tensor Offset,
    Tensor LogVariance,
    Tensor TemplateFeature,
    Tensor SearchFeatures);
