using VilTracker.Data.Synthetic;
using VilTracker.Model;
using VilTracker.Training;
using VilTracker.Training.Sampling;

namespace VilTracker.Tests.Training;

/// <summary>Tiny models, synthetic sources and recipes shared by the training tests.</summary>
internal static class TrainingFixtures
{
    /// <summary>Dim 32, 2 blocks, template 64, search 128 (8x8 feature grid), one FiLM and one mixture block.</summary>
    public static TrackerModelConfig TinyModel => new()
    {
        Preset = "test-tiny", Dim = 32, Blocks = 2, PatchSize = 16, TemplateSize = 64, SearchSize = 128,
        ContextDim = 16, FilmAfterBlocks = [0], MoeBlocks = 1, Experts = 2, HeadChannels = [32, 16, 16, 8],
    };

    /// <summary>Smaller still for the resume test: template 32, search 64 (4x4 grid).</summary>
    public static TrackerModelConfig MicroModel => TinyModel with { Preset = "test-micro", Dim = 16, TemplateSize = 32, SearchSize = 64, HeadChannels = [16, 8, 8, 8] };

    /// <summary>Small synthetic sequences: 40 frames of 192x128, targets 14 to 30 px, occlusion on.</summary>
    public static SyntheticSequenceOptions SmallSynthetic => new()
    {
        FrameCount = 40, Width = 192, Height = 128, MinTargetSize = 14, MaxTargetSize = 30, TargetSpeed = 1.5,
        DistractorCount = 1, Occlusion = true, FullOcclusionFrames = 4, MotionBlur = 0.3, IlluminationChange = true,
    };

    /// <summary>A sampler over <paramref name="count"/> small synthetic sequences for <paramref name="config"/>.</summary>
    public static PairSampler SyntheticSampler(TrackerModelConfig config, ulong seed, int count = 3, PhotometricAugmentation? augmentation = null) =>
        new([new TrainingSource("synthetic", SyntheticTrainingSequence.Many(count, 7, SmallSynthetic))],
            CropSettings.For(config), augmentation ?? new PhotometricAugmentation(), seed);

    /// <summary>A creates a unique temporary run folder path (not created).</summary>
    public static string TempRunFolder() => Path.Combine(Path.GetTempPath(), "viltracker-train-" + Guid.NewGuid().ToString("N"));
}
