using static TorchSharp.torch;

namespace VilTracker.Tracking;

/// <summary>
/// Every constant of <see cref="OnlineVilTracker"/>, each with its default. Build one with an object initialiser,
/// e.g. <c>new TrackerOptions { UseHannWindow = false }</c>; <see cref="Validate"/> checks the values.
/// </summary>
public sealed record TrackerOptions
{
    /// <summary>Noise settings of the Kalman filter. Default: <see cref="KalmanNoise"/>'s defaults.</summary>
    public KalmanNoise Noise { get; init; } = new();

    /// <summary>
    /// Chi-squared gate on the squared Mahalanobis distance of a measurement from the prediction (4 degrees of
    /// freedom: cx, cy, w, h). Default <see cref="BoxKalmanFilter.ChiSquare95For4Dof"/> = 9.4877, the 95% quantile:
    /// a measurement farther than that is rejected as an outlier.
    /// </summary>
    public double GateChiSquare { get; init; } = BoxKalmanFilter.ChiSquare95For4Dof;

    /// <summary>
    /// Lowest peak score at which a measurement is used at all; below it the frame counts as a miss and the
    /// prediction is output. Default 0.3.
    /// </summary>
    public double MinConfidence { get; init; } = 0.3;

    /// <summary>
    /// Peak score at which a measurement that fails the gate restarts the filter anyway, once the target is lost
    /// (the target has reappeared away from the prediction). Default 0.6.
    /// </summary>
    public double ReacquireConfidence { get; init; } = 0.6;

    /// <summary>
    /// Consecutive missed frames (gated out or low confidence) after which the target is reported lost and the search
    /// region starts to grow. Default 3.
    /// </summary>
    public int LostAfterMisses { get; init; } = 3;

    /// <summary>
    /// Whether a missed frame stops the filter's size velocity, so the box keeps its size while the target is
    /// occluded or not found (the centre still coasts at its velocity). Without it a size trend just before an
    /// occlusion is extrapolated until the box collapses to the clip minimum. Default true.
    /// </summary>
    public bool HoldSizeWhileMissed { get; init; } = true;

    /// <summary>Factor by which the search region grows for each frame lost. Default 1.2.</summary>
    public double SearchGrowthPerLostFrame { get; init; } = 1.2;

    /// <summary>Largest total growth of the search region (multiplies the search factor). Default 2.</summary>
    public double MaxSearchGrowth { get; init; } = 2.0;

    /// <summary>Whether the score map is multiplied by a Hann window before the argmax (REFERENCE-SPEC C4). Default true.</summary>
    public bool UseHannWindow { get; init; } = true;

    /// <summary>Template context factor (crop side = factor·sqrt(w·h)); null uses the model's. Default null (2 in the reference).</summary>
    public double? TemplateFactor { get; init; }

    /// <summary>Search context factor before growth; null uses the model's. Default null (4 in the reference).</summary>
    public double? SearchFactor { get; init; }

    /// <summary>Margin and minimum size, in pixels, of the clip applied to every output box (REFERENCE-SPEC C4.5). Default 10.</summary>
    public double ClipMargin { get; init; } = 10;

    /// <summary>Fewest frames between two template updates (the template changes at most every this many frames). Default 10.</summary>
    public int TemplateUpdateInterval { get; init; } = 10;

    /// <summary>Lowest peak score at which the template may be updated. Default 0.7.</summary>
    public double TemplateUpdateMinConfidence { get; init; } = 0.7;

    /// <summary>
    /// Highest uncertainty at which the template may be updated: the root-mean-square predicted standard deviation of
    /// (cx, cy, w, h) in normalised search-crop units (<see cref="TargetMeasurement.Uncertainty"/>). Default 0.05
    /// (a twentieth of the search crop).
    /// </summary>
    public double TemplateUpdateMaxUncertainty { get; init; } = 0.05;

    /// <summary>
    /// Weight of the new crop when the template is updated: <c>template ← (1 − b)·template + b·new</c> on the
    /// normalised crops; 1 replaces the template. Default 1 (replace).
    /// </summary>
    public double TemplateBlend { get; init; } = 1.0;

    /// <summary>
    /// Number type of the network's forward: <see cref="ScalarType.Float32"/> (default) or
    /// <see cref="ScalarType.BFloat16"/>, which roughly halves the forward's time on CPUs with bfloat16 matrix
    /// instructions (AVX-512 BF16, AMX) at a small cost in precision. The model is converted when the tracker is built;
    /// crops, decoding and the Kalman filter stay in float32 and float64.
    /// </summary>
    public ScalarType Precision { get; init; } = ScalarType.Float32;

    /// <summary>
    /// Form of the mLSTM cell used by the network's forward (all three compute the same function; they differ in
    /// speed and rounding). Default <see cref="Vil.MlstmBackend.Chunkwise"/>: on the 320 tokens of 128/256 crops it
    /// avoids the parallel form's 320×320 gate matrices per head (see the README for measurements).
    /// </summary>
    public Vil.MlstmBackend MlstmForm { get; init; } = Vil.MlstmBackend.Chunkwise;

    /// <summary>Chunk length of the chunkwise mLSTM form. Default 64.</summary>
    public int MlstmChunkSize { get; init; } = 64;

    /// <summary>Number K of appearance features kept in the FiLM temporal memory (oldest dropped first). Default 8.</summary>
    public int MemoryLength { get; init; } = 8;

    /// <summary>Fewest frames between two additions to the appearance memory. Default 5.</summary>
    public int MemoryUpdateInterval { get; init; } = 5;

    /// <summary>Lowest peak score at which an accepted frame is added to the appearance memory. Default 0.5.</summary>
    public double MemoryMinConfidence { get; init; } = 0.5;

    /// <summary>
    /// How much the search region is enlarged after <paramref name="consecutiveMisses"/> missed frames: 1 until
    /// <see cref="LostAfterMisses"/>, then <c>SearchGrowthPerLostFrame^(misses − LostAfterMisses + 1)</c>, at most
    /// <see cref="MaxSearchGrowth"/>.
    /// </summary>
    public double SearchGrowth(int consecutiveMisses) =>
        consecutiveMisses < LostAfterMisses
            ? 1.0
            : Math.Min(MaxSearchGrowth, Math.Pow(SearchGrowthPerLostFrame, consecutiveMisses - LostAfterMisses + 1));

    /// <summary>Checks every value and returns this record, or throws naming the bad option and its valid range.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public TrackerOptions Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"Tracker option {message}");
        }
        static bool IsProbability(double p) => p >= 0 && p <= 1;
        Noise.Validate();
        Require(GateChiSquare > 0 && double.IsFinite(GateChiSquare), $"{nameof(GateChiSquare)} must be a positive finite number, got {GateChiSquare}.");
        Require(IsProbability(MinConfidence), $"{nameof(MinConfidence)} must lie in [0, 1], got {MinConfidence}.");
        Require(IsProbability(ReacquireConfidence), $"{nameof(ReacquireConfidence)} must lie in [0, 1], got {ReacquireConfidence}.");
        Require(LostAfterMisses >= 1, $"{nameof(LostAfterMisses)} must be at least 1, got {LostAfterMisses}.");
        Require(SearchGrowthPerLostFrame >= 1 && double.IsFinite(SearchGrowthPerLostFrame), $"{nameof(SearchGrowthPerLostFrame)} must be a finite number >= 1, got {SearchGrowthPerLostFrame}.");
        Require(MaxSearchGrowth >= 1 && double.IsFinite(MaxSearchGrowth), $"{nameof(MaxSearchGrowth)} must be a finite number >= 1, got {MaxSearchGrowth}.");
        Require(TemplateFactor is null || TemplateFactor > 0 && double.IsFinite(TemplateFactor.Value), $"{nameof(TemplateFactor)} must be null or a positive number, got {TemplateFactor}.");
        Require(SearchFactor is null || SearchFactor > 0 && double.IsFinite(SearchFactor.Value), $"{nameof(SearchFactor)} must be null or a positive number, got {SearchFactor}.");
        Require(ClipMargin >= 1 && double.IsFinite(ClipMargin), $"{nameof(ClipMargin)} must be a finite number >= 1 pixel, got {ClipMargin}.");
        Require(TemplateUpdateInterval >= 1, $"{nameof(TemplateUpdateInterval)} must be at least 1 frame, got {TemplateUpdateInterval}.");
        Require(IsProbability(TemplateUpdateMinConfidence), $"{nameof(TemplateUpdateMinConfidence)} must lie in [0, 1], got {TemplateUpdateMinConfidence}.");
        Require(TemplateUpdateMaxUncertainty >= 0, $"{nameof(TemplateUpdateMaxUncertainty)} must be >= 0, got {TemplateUpdateMaxUncertainty}.");
        Require(TemplateBlend > 0 && TemplateBlend <= 1, $"{nameof(TemplateBlend)} must lie in (0, 1] (1 replaces the template), got {TemplateBlend}.");
        Require(MemoryLength >= 1, $"{nameof(MemoryLength)} must be at least 1, got {MemoryLength}.");
        Require(MemoryUpdateInterval >= 1, $"{nameof(MemoryUpdateInterval)} must be at least 1 frame, got {MemoryUpdateInterval}.");
        Require(IsProbability(MemoryMinConfidence), $"{nameof(MemoryMinConfidence)} must lie in [0, 1], got {MemoryMinConfidence}.");
        Require(MlstmChunkSize >= 1, $"{nameof(MlstmChunkSize)} must be at least 1, got {MlstmChunkSize}.");
        Require(Precision is ScalarType.Float32 or ScalarType.BFloat16, $"{nameof(Precision)} must be Float32 or BFloat16, got {Precision}.");
        return this;
    }
}
