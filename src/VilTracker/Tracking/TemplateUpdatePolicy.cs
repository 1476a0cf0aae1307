namespace VilTracker.Tracking;

/// <summary>
/// When the tracker may change what it knows of the target's look: the template at most every
/// <see cref="TrackerOptions.TemplateUpdateInterval"/> frames and only from an accepted (not merely re-acquired), high-confidence,
/// low-uncertainty measurement; the temporal memory at most every <see cref="TrackerOptions.MemoryUpdateInterval"/>
/// frames and only from an accepted, confident measurement. Frames are counted from the initial frame (index 0),
/// which counts as the last update of both.
/// </summary>
public sealed class TemplateUpdatePolicy
{
    private readonly TrackerOptions options;
    private int lastTemplateFrame;
    private int lastMemoryFrame;

    /// <summary>Creates the policy with the thresholds and intervals of <paramref name="options"/>.</summary>
    public TemplateUpdatePolicy(TrackerOptions options) => this.options = options.Validate();

    /// <summary>Restarts the intervals at <paramref name="initialFrame"/> (the frame the template was taken from).</summary>
    public void Start(int initialFrame = 0)
    {
        lastTemplateFrame = initialFrame;
        lastMemoryFrame = initialFrame;
    }

    /// <summary>
    /// What to update after frame <paramref name="frameIndex"/>, whose measurement had the verdict
    /// <paramref name="verdict"/>, peak score <paramref name="confidence"/> and uncertainty
    /// <paramref name="uncertainty"/> (<see cref="TargetMeasurement.Uncertainty"/>). An update it grants is taken to
    /// happen: the interval restarts at this frame.
    /// </summary>
    public AppearanceUpdate Decide(int frameIndex, MeasurementVerdict verdict, double confidence, double uncertainty)
    {
        // A re-acquired measurement restarts the filter but is not yet trusted to define the target's look.
        bool trusted = verdict == MeasurementVerdict.Accepted;
        bool template = trusted
                        && frameIndex - lastTemplateFrame >= options.TemplateUpdateInterval
                        && confidence >= options.TemplateUpdateMinConfidence
                        && uncertainty <= options.TemplateUpdateMaxUncertainty;
        bool memory = trusted
                      && frameIndex - lastMemoryFrame >= options.MemoryUpdateInterval
                      && confidence >= options.MemoryMinConfidence;
        if (template) lastTemplateFrame = frameIndex;
        if (memory) lastMemoryFrame = frameIndex;
        return new AppearanceUpdate(template, memory);
    }
}
