using VilTracker.Cropping;
using VilTracker.Training.Targets;
using static TorchSharp.torch;

namespace VilTracker.Training.Sampling;

/// <summary>The samples of one optimisation step, as drawn by the loader threads (plain bytes, no tensors yet).</summary>
/// <param name="Step">0-based step the batch belongs to.</param>
/// <param name="Samples">The samples, in index order.</param>
public sealed record TrainingBatch(long Step, IReadOnlyList<TrainingSample> Samples)
{
    /// <summary>
    /// The batch as network input and targets, created in the caller's dispose scope: crops ImageNet-normalised,
    /// targets as normalised (x, y, w, h) (the layout the heat map and the loss take) and their centre heat maps on
    /// the <paramref name="featureHeight"/> x <paramref name="featureWidth"/> grid.
    /// </summary>
    public BatchTensors ToTensors(int featureHeight, int featureWidth)
    {
        var template = ImageNetNormalization.ToBatch(Samples.Select(s => s.Template).ToArray());
        var search = ImageNetNormalization.ToBatch(Samples.Select(s => s.Search).ToArray());
        var memory = ImageNetNormalization.ToBatch(Samples.Select(s => s.Memory).ToArray()).unsqueeze(1);
        var boxes = tensor(Samples.SelectMany(s => new[] { (float)s.Target.X, (float)s.Target.Y, (float)s.Target.W, (float)s.Target.H }).ToArray(),
            [Samples.Count, 4]);
        var heat = CenterHeatMap.Generate(boxes, featureHeight, featureWidth).unsqueeze(1);
        return new BatchTensors(template, search, memory, boxes, heat);
    }
}

/// <summary>One batch as tensors.</summary>
/// <param name="Template">(B, 3, T, T) normalised template crops.</param>
/// <param name="Search">(B, 3, S, S) normalised search crops.</param>
/// <param name="Memory">(B, 1, 3, T, T) normalised memory crops (one memory frame per sample).</param>
/// <param name="TargetXywh">(B, 4) ground truth in the search crop, normalised (x, y, w, h).</param>
/// <param name="HeatMap">(B, 1, fh, fw) centre heat maps of the ground truth (REFERENCE-SPEC C5).</param>
public sealed record BatchTensors(Tensor Template, Tensor Search, Tensor Memory, Tensor TargetXywh, Tensor HeatMap);
