using TorchSharp;
using System.Diagnostics;
using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Model;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Tracking;

/// <summary>
/// Measures the target with a <see cref="TrackerModel"/> (batch 1, inference only): template crop (C1, template
/// factor and size) taken at initialisation; per frame a search crop (C1, search factor × growth) around the
/// prediction, one forward under <c>no_grad</c> with the FiLM temporal memory, decoding on the Hann-windowed score map
/// (C4), mapping back to frame pixels and clipping (C4.5). The peak score (read from the unwindowed map at the chosen
/// cell) is the confidence; the uncertainty head's log-variances are read at the same cell.
/// </summary>
/// <remarks>
/// Every per-frame tensor lives in a dispose scope; only the template, the window and the K memory features are kept
/// between frames, and they are freed when replaced or on <see cref="Dispose"/>. The model stays owned by the caller.
/// </remarks>
public sealed class ModelMeasurementSource : IMeasurementSource
{
    private readonly TrackerModel model;
    private readonly bool ownsModel;
    private readonly TrackerOptions options;
    private readonly double templateFactor;
    private readonly double searchFactor;
    private readonly Tensor? window;
    private readonly Queue<Tensor> memory = new();
    private Tensor? template;

    /// <summary>
    /// Wraps <paramref name="model"/> (switched to evaluation mode, to <see cref="TrackerOptions.MlstmForm"/> and to
    /// <see cref="TrackerOptions.Precision"/>) with the crop and memory settings of <paramref name="options"/>.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="options">Tracking options.</param>
    /// <param name="ownsModel">True to dispose the model with this source (a model loaded for this tracker alone).</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ModelMeasurementSource(TrackerModel model, TrackerOptions options, bool ownsModel = false)
    {
        this.model = model;
        this.ownsModel = ownsModel;
        this.options = options.Validate();
        model.eval();
        model.SetMlstmBackend(options.MlstmForm, options.MlstmChunkSize);
        if (options.Precision != ScalarType.Float32)
            model.to(options.Precision);
        templateFactor = options.TemplateFactor ?? model.Config.TemplateFactor;
        searchFactor = options.SearchFactor ?? model.Config.SearchFactor;
        var grid = model.Config.SearchGrid;
        window = options.UseHannWindow ? HannWindow.TwoD(grid.Height, grid.Width).DetachFromDisposeScope() : null;
    }

    /// <summary>Measurements made since construction.</summary>
    public int MeasurementCount { get; private set; }

    /// <summary>Total time spent cropping and normalising search regions in <see cref="Measure"/> (for benchmarks).</summary>
    public TimeSpan PreprocessingTime { get; private set; }

    /// <summary>Total time spent in the network's forward and the decoding in <see cref="Measure"/> (for benchmarks).</summary>
    public TimeSpan ModelTime { get; private set; }

    /// <summary>Number of appearance features currently in the temporal memory (1 to <see cref="TrackerOptions.MemoryLength"/>).</summary>
    public int MemoryCount => memory.Count;

    /// <inheritdoc />
    public void Initialize(Frame frame, Box box)
    {
        ClearAppearance();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var crop = CropTarget(frame, box);
        template = crop.DetachFromDisposeScope();
        Remember(crop);
    }

    /// <inheritdoc />
    public TargetMeasurement Measure(Frame frame, Box around, double searchGrowth)
    {
        var currentTemplate = RequireInitialized();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long start = Stopwatch.GetTimestamp();
        var crop = TargetCropper.Sample(frame, around, searchFactor * searchGrowth, model.Config.SearchSize);
        var search = ImageNetNormalization.ToBatch([crop.Image]).to_type(options.Precision);
        long preprocessed = Stopwatch.GetTimestamp();
        var output = model.forward(currentTemplate, search, stack(memory, 1));
        var measurement = Read(output, crop.Window, window, frame.Width, frame.Height, options.ClipMargin);
        PreprocessingTime += Stopwatch.GetElapsedTime(start, preprocessed);
        ModelTime += Stopwatch.GetElapsedTime(preprocessed);
        MeasurementCount++;
        return measurement;
    }

    /// <summary>
    /// The measurement in one network output (batch element 0): argmax of the score map times
    /// <paramref name="window"/> (none: plain argmax), box decoded at that cell, mapped from the search crop
    /// <paramref name="crop"/> back to the frame and clipped with <paramref name="clipMargin"/>; the confidence is the
    /// unwindowed score and the log-variances are read at the same cell.
    /// </summary>
    /// <exception cref="InvalidOperationException">The decoded box is not finite (NaN weights).</exception>
    internal static TargetMeasurement Read(TrackerOutput output, CropWindow crop, Tensor? window, int frameWidth, int frameHeight, double clipMargin)
    {
        using var scope = NewDisposeScope();
        // Decoding runs in float32 whatever the forward's precision.
        var decoded = CenterDecoder.Decode(new CenterMaps(
            output.Score.to_type(ScalarType.Float32), output.Size.to_type(ScalarType.Float32), output.Offset.to_type(ScalarType.Float32)), window);
        var box = decoded.Boxes[0].to_type(ScalarType.Float64).data<double>().ToArray();
        double confidence = decoded.Scores[0].to_type(ScalarType.Float64).item<double>();
        var logVariance = CenterDecoder.GatherAt(output.LogVariance.to_type(ScalarType.Float32), decoded.PeakIndices)[0]
            .to_type(ScalarType.Float64).data<double>().ToArray();
        var inFrame = crop.MapBack(new NormalizedCenterBox(box[0], box[1], box[2], box[3]));
        if (!inFrame.IsFinite)
            throw new InvalidOperationException($"The model decoded a non-finite box {inFrame} in the search crop around {crop.Around}; check the weights for NaN values.");
        var clipped = MarginClip.Apply(inFrame, frameWidth, frameHeight, clipMargin);
        return new TargetMeasurement(clipped, confidence, logVariance, crop.CropSize);
    }

    /// <inheritdoc />
    /// <remarks>Blends the normalised crops by <see cref="TrackerOptions.TemplateBlend"/> (1 replaces).</remarks>
    public void RefreshTemplate(Frame frame, Box box)
    {
        var old = RequireInitialized();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var fresh = CropTarget(frame, box);
        var next = options.TemplateBlend >= 1 ? fresh : old.Times(1 - options.TemplateBlend).Plus(fresh.Times(options.TemplateBlend));
        template = next.DetachFromDisposeScope();
        old.Dispose();
    }

    /// <inheritdoc />
    public void RememberAppearance(Frame frame, Box box)
    {
        RequireInitialized();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Remember(CropTarget(frame, box));
    }

    /// <summary>Frees the template, the memory and the window, and the model when this source owns it.</summary>
    public void Dispose()
    {
        ClearAppearance();
        window?.Dispose();
        if (ownsModel)
            model.Dispose();
    }

    private Tensor CropTarget(Frame frame, Box box) =>
        ImageNetNormalization.ToBatch([TargetCropper.Sample(frame, box, templateFactor, model.Config.TemplateSize).Image]).to_type(options.Precision);

    private void Remember(Tensor targetCrop)
    {
        memory.Enqueue(model.EmbedAppearance(targetCrop).DetachFromDisposeScope());
        while (memory.Count > options.MemoryLength)
            memory.Dequeue().Dispose();
    }

    private Tensor RequireInitialized() =>
        template ?? throw new InvalidOperationException("The measurement source is not initialised; call Initialize(frame, box) first.");

    private void ClearAppearance()
    {
        template?.Dispose();
        template = null;
        while (memory.Count > 0) memory.Dequeue().Dispose();
    }
}
