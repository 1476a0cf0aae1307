using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Model;

namespace VilTracker.Tracking;

/// <summary>
/// VilTracker's online tracker. Per frame: the Kalman filter predicts the box; the measurement source searches a
/// region around the (clipped) prediction, enlarged while the target is lost; a confident measurement inside the
/// chi-squared gate updates the filter with noise from its predicted variance (a very confident one re-acquires a lost
/// target), otherwise the prediction is output; every output box is clipped to the frame (REFERENCE-SPEC C4.5); the
/// template and temporal memory are refreshed as <see cref="TemplateUpdatePolicy"/> allows.
/// </summary>
/// <remarks>
/// While the target is missed the filter keeps coasting at its last velocity, with growing uncertainty, so the gate
/// widens; the search region is always centred on the prediction clipped into the frame.
/// </remarks>
public sealed class OnlineVilTracker : ITracker
{
    private readonly IMeasurementSource source;
    private readonly TrackerOptions options;
    private readonly BoxKalmanFilter filter;
    private readonly MeasurementGate gate;
    private readonly TemplateUpdatePolicy policy;
    private int frameIndex = -1;

    /// <summary>Tracks with <paramref name="model"/> (batch 1, inference only) under <paramref name="options"/>; the model stays owned by the caller.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OnlineVilTracker(TrackerModel model, TrackerOptions options)
        : this(new ModelMeasurementSource(model, options), options)
    {
    }

    /// <summary>
    /// Loads a trained model (a model folder or its <c>model.safetensors</c>, see <see cref="ModelFolder"/>) and tracks
    /// with it; the model is disposed with the tracker.
    /// </summary>
    /// <exception cref="FileNotFoundException">No weights or configuration at <paramref name="weights"/>.</exception>
    /// <exception cref="Vil.VilWeightsException">The weights do not fit their configuration.</exception>
    public static OnlineVilTracker Load(string weights, TrackerOptions options)
    {
        var model = ModelFolder.Load(weights);
        try
        {
            return new OnlineVilTracker(new ModelMeasurementSource(model, options, ownsModel: true), options);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Tracks with any measurement source (taken over: disposed with this tracker) under <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OnlineVilTracker(IMeasurementSource source, TrackerOptions options)
    {
        this.source = source;
        this.options = options.Validate();
        filter = new BoxKalmanFilter(options.Noise);
        gate = new MeasurementGate(options);
        policy = new TemplateUpdatePolicy(options);
    }

    /// <inheritdoc />
    public string Name => "vil";

    /// <summary>Consecutive frames whose measurement was rejected (low confidence or gated out).</summary>
    public int ConsecutiveMisses { get; private set; }

    /// <summary>The verdict on the last frame's measurement (null before the first <see cref="Track"/>).</summary>
    public MeasurementVerdict? LastVerdict { get; private set; }

    /// <summary>The Kalman filter's box prediction for the last tracked frame, before its measurement.</summary>
    public Box LastPrediction { get; private set; } = Box.NaN;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The box is not finite with a positive size, or lies outside the frame.</exception>
    public void Initialize(Frame frame, Box box)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"Initial box {box} needs finite values and a positive width and height.", nameof(box));
        if (box.Right <= 0 || box.Bottom <= 0 || box.X >= frame.Width || box.Y >= frame.Height)
            throw new ArgumentException($"Initial box {box} lies outside the {frame.Width}x{frame.Height} frame; give a box that overlaps the image.", nameof(box));
        filter.Initialize(box);
        source.Initialize(frame, box);
        policy.Start(0);
        frameIndex = 0;
        ConsecutiveMisses = 0;
        LastVerdict = null;
        LastPrediction = Box.NaN;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Called before <see cref="Initialize"/>, or the measurement source
    /// returned a box with a NaN, infinite or non-positive value.</exception>
    public TrackResult Track(Frame frame)
    {
        if (frameIndex < 0)
            throw new InvalidOperationException("Track was called before Initialize; initialise the tracker on the first frame and box.");
        frameIndex++;
        bool wasLost = ConsecutiveMisses >= options.LostAfterMisses;
        var prediction = filter.Predict();
        LastPrediction = prediction;
        var predictedInFrame = Clip(prediction, frame);

        var measurement = source.Measure(frame, predictedInFrame, options.SearchGrowth(ConsecutiveMisses));
        if (!measurement.Box.HasPositiveSize)
            throw new InvalidOperationException($"Frame {frameIndex}: the measurement source returned box {measurement.Box}; a measurement needs finite values and a positive size.");
        var variance = measurement.LogVariance is null
            ? filter.DefaultMeasurementVariance()
            : filter.MeasurementVarianceFromLogVariance(measurement.LogVariance, measurement.CropSide);
        var verdict = gate.Judge(measurement.Confidence, filter.SquaredMahalanobis(measurement.Box, variance), wasLost);
        LastVerdict = verdict;

        Box output;
        switch (verdict)
        {
            case MeasurementVerdict.Accepted:
                filter.Update(measurement.Box, variance);
                ConsecutiveMisses = 0;
                output = Clip(filter.Box, frame);
                break;
            case MeasurementVerdict.Reacquired:
                filter.Initialize(measurement.Box);
                ConsecutiveMisses = 0;
                output = Clip(filter.Box, frame);
                break;
            default:
                ConsecutiveMisses++;
                if (options.HoldSizeWhileMissed) filter.HoldSize();
                output = predictedInFrame;
                break;
        }

        var update = policy.Decide(frameIndex, verdict, measurement.Confidence, measurement.Uncertainty);
        if (update.RefreshTemplate) source.RefreshTemplate(frame, output);
        if (update.RememberAppearance) source.RememberAppearance(frame, output);
        return new TrackResult(output, measurement.Confidence, ConsecutiveMisses >= options.LostAfterMisses, measurement.LogVariance);
    }

    /// <summary>Disposes the measurement source (and with it the model's cached tensors).</summary>
    public void Dispose() => source.Dispose();

    private Box Clip(Box box, Frame frame) => MarginClip.Apply(box, frame.Width, frame.Height, options.ClipMargin);
}
