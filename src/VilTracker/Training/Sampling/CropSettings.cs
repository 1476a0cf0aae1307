using VilTracker.Model;

namespace VilTracker.Training.Sampling;

/// <summary>Sizes and context factors of the training crops (REFERENCE-SPEC C1).</summary>
/// <param name="TemplateSize">Template (and memory) crop side in pixels.</param>
/// <param name="SearchSize">Search crop side in pixels.</param>
/// <param name="TemplateFactor">Template context factor (2).</param>
/// <param name="SearchFactor">Search context factor (4).</param>
public readonly record struct CropSettings(int TemplateSize, int SearchSize, double TemplateFactor, double SearchFactor)
{
    /// <summary>The crops a model of <paramref name="config"/> takes.</summary>
    public static CropSettings For(TrackerModelConfig config) =>
        new(config.TemplateSize, config.SearchSize, config.TemplateFactor, config.SearchFactor);
}
