using System.Text.Json;
using System.Text.Json.Serialization;
using VilTracker.Vil;

namespace VilTracker.Model;

/// <summary>
/// Everything that fixes the shape of a <see cref="TrackerModel"/>: saved as <c>config.json</c> beside the weights,
/// so a checkpoint always rebuilds the network it was trained as. JSON names are snake_case.
/// </summary>
public sealed record TrackerModelConfig
{
    /// <summary>Preset name this configuration came from (informational).</summary>
    [JsonPropertyName("preset")] public string Preset { get; init; } = "custom";

    /// <summary>Token width D of the backbone.</summary>
    [JsonPropertyName("dim")] public int Dim { get; init; } = 384;

    /// <summary>Number of ViL blocks (sub-blocks; an even number: blocks come in forward/reversed pairs).</summary>
    [JsonPropertyName("blocks")] public int Blocks { get; init; } = 24;

    /// <summary>Patch size of the shared patch embedding.</summary>
    [JsonPropertyName("patch_size")] public int PatchSize { get; init; } = 16;

    /// <summary>Side of the square template crop in pixels (128 or 192 in the reference configurations).</summary>
    [JsonPropertyName("template_size")] public int TemplateSize { get; init; } = 128;

    /// <summary>Side of the square search crop in pixels (256 or 384).</summary>
    [JsonPropertyName("search_size")] public int SearchSize { get; init; } = 256;

    /// <summary>Template crop context factor (crop side = factor · sqrt(w·h)).</summary>
    [JsonPropertyName("template_factor")] public double TemplateFactor { get; init; } = 2.0;

    /// <summary>Search crop context factor.</summary>
    [JsonPropertyName("search_factor")] public double SearchFactor { get; init; } = 4.0;

    /// <summary>Convolution inside the ViL layers: causal 1-D (kernel 4, default) or the official 2-D depthwise 3x3, run per image grid.</summary>
    [JsonPropertyName("conv_kind")] public VilConvKind ConvKind { get; init; } = VilConvKind.Causal1d;

    /// <summary>Convolution kernel size (4 for causal 1-D, 3 for 2-D).</summary>
    [JsonPropertyName("conv_kernel_size")] public int ConvKernelSize { get; init; } = 4;

    /// <summary>Width of the temporal context vector.</summary>
    [JsonPropertyName("context_dim")] public int ContextDim { get; init; } = 128;

    /// <summary>0-based block indices after which FiLM modulation is applied.</summary>
    [JsonPropertyName("film_after_blocks")] public int[] FilmAfterBlocks { get; init; } = [5, 11, 17];

    /// <summary>How many of the last blocks carry a temporal mixture-of-experts branch.</summary>
    [JsonPropertyName("moe_blocks")] public int MoeBlocks { get; init; } = 2;

    /// <summary>Number of specialised experts per mixture (besides the shared expert).</summary>
    [JsonPropertyName("experts")] public int Experts { get; init; } = 4;

    /// <summary>Hidden width of each expert as a multiple of D.</summary>
    [JsonPropertyName("expert_hidden_ratio")] public double ExpertHiddenRatio { get; init; } = 1.0;

    /// <summary>Channels of the four 3x3 convolutions of each head tower (reference: 256, 128, 64, 32).</summary>
    [JsonPropertyName("head_channels")] public int[] HeadChannels { get; init; } = [256, 128, 64, 32];

    /// <summary>Stochastic-depth rate of the backbone blocks during training.</summary>
    [JsonPropertyName("drop_path_rate")] public double DropPathRate { get; init; } = 0.0;

    /// <summary>Template grid (side / patch).</summary>
    [JsonIgnore] public TokenGrid TemplateGrid => new(TemplateSize / PatchSize, TemplateSize / PatchSize);

    /// <summary>Search grid (side / patch); the heads' feature map has this size.</summary>
    [JsonIgnore] public TokenGrid SearchGrid => new(SearchSize / PatchSize, SearchSize / PatchSize);

    /// <summary>Checks every field and returns this configuration, or throws naming the bad value and the fix.</summary>
    public TrackerModelConfig Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"Tracker model config ({Preset}): {message}");
        }
        Require(Dim > 0 && Dim % 16 == 0, $"dim {Dim} must be a positive multiple of 16 (4 mLSTM heads of 4-channel blocks).");
        Require(Blocks >= 2 && Blocks % 2 == 0, $"blocks {Blocks} must be an even number >= 2 (forward/reversed pairs).");
        Require(PatchSize > 0, $"patch_size {PatchSize} must be positive.");
        Require(TemplateSize > 0 && TemplateSize % PatchSize == 0, $"template_size {TemplateSize} must be a positive multiple of patch_size {PatchSize}.");
        Require(SearchSize > 0 && SearchSize % PatchSize == 0, $"search_size {SearchSize} must be a positive multiple of patch_size {PatchSize}.");
        Require(TemplateFactor > 0 && SearchFactor > 0, "template_factor and search_factor must be positive.");
        Require(ConvKernelSize > 0, $"conv_kernel_size {ConvKernelSize} must be positive.");
        Require(ConvKind != VilConvKind.Conv2d || ConvKernelSize % 2 == 1, $"conv_kernel_size {ConvKernelSize} must be odd for conv_kind 2d (same padding; the official ViL2 uses 3).");
        Require(ContextDim > 0, $"context_dim {ContextDim} must be positive.");
        Require(FilmAfterBlocks.All(i => i >= 0 && i < Blocks), $"film_after_blocks [{string.Join(", ", FilmAfterBlocks)}] must lie in 0..{Blocks - 1}.");
        Require(FilmAfterBlocks.Distinct().Count() == FilmAfterBlocks.Length, "film_after_blocks has repeated indices.");
        Require(MoeBlocks >= 0 && MoeBlocks <= Blocks, $"moe_blocks {MoeBlocks} must lie in 0..{Blocks}.");
        Require(Experts >= 1, $"experts {Experts} must be at least 1.");
        Require(ExpertHiddenRatio > 0, $"expert_hidden_ratio {ExpertHiddenRatio} must be positive.");
        Require(HeadChannels.Length >= 1 && HeadChannels.All(c => c > 0), "head_channels must be positive widths.");
        Require(DropPathRate is >= 0 and < 1, $"drop_path_rate {DropPathRate} must be in [0, 1).");
        return this;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The configuration as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a configuration written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    public static TrackerModelConfig FromJson(string json, string source)
    {
        try
        {
            return (JsonSerializer.Deserialize<TrackerModelConfig>(json, Json)
                    ?? throw new JsonException("the document is null"))
                .Validate();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid tracker model config ({e.Message}).", e);
        }
    }
}
