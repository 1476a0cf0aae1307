using VilTracker.Cropping;
using VilTracker.Imaging;

namespace VilTracker.Training.Sampling;

/// <summary>One training example: the three crops and the target in the search crop.</summary>
/// <param name="Template">Template crop (template size, factor 2 around the ground truth).</param>
/// <param name="Search">Search crop (search size, factor 4 around the jittered ground truth).</param>
/// <param name="Memory">Crop of the memory frame, cut like the template: feeds the temporal context.</param>
/// <param name="Target">The ground truth in the search crop, normalised (OSTrack's training-target convention).</param>
/// <param name="Sequence">Name of the sequence it came from.</param>
/// <param name="TemplateFrame">0-based template frame index.</param>
/// <param name="SearchFrame">0-based search frame index.</param>
/// <param name="MemoryFrame">0-based memory frame index.</param>
public sealed record TrainingSample(
    Frame Template, Frame Search, Frame Memory, NormalizedCenterBox Target,
    string Sequence, int TemplateFrame, int SearchFrame, int MemoryFrame);
