using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Tracking;

/// <summary>
/// What locates the target in a frame for <see cref="OnlineVilTracker"/>: the network behind a search crop
/// (<see cref="ModelMeasurementSource"/>), or any other detector. It owns the target's appearance (template and
/// temporal memory); the tracker decides when that appearance changes.
/// </summary>
public interface IMeasurementSource : IDisposable
{
    /// <summary>Takes the target's appearance from <paramref name="box"/> (pixels) in the first frame.</summary>
    void Initialize(Frame frame, Box box);

    /// <summary>
    /// Looks for the target in a search region centred on <paramref name="around"/>, enlarged by
    /// <paramref name="searchGrowth"/> (≥ 1) over the normal context.
    /// </summary>
    TargetMeasurement Measure(Frame frame, Box around, double searchGrowth);

    /// <summary>Replaces (or blends) the template with the target's look in <paramref name="box"/> of this frame.</summary>
    void RefreshTemplate(Frame frame, Box box);

    /// <summary>Adds the target's look in <paramref name="box"/> of this frame to the temporal memory.</summary>
    void RememberAppearance(Frame frame, Box box);
}
