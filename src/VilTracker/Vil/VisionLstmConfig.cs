using System.Text;
using System.Text.Json;

namespace VilTracker.Vil;

/// <summary>
/// Constructor arguments of the official <c>VisionLSTM2</c> (NX-AI vision-lstm), with their official meaning and defaults
/// (spec A1). JSON (de)serialisation uses exactly the official snake_case argument names, as stored in the
/// <c>config</c> metadata of the reference safetensors files.
/// </summary>
public sealed record VisionLstmConfig
{
    /// <summary>Up-projection factor inside every ViL layer (fixed to 2 in the official code).</summary>
    private const int ExpansionOfLayer = 2;

    /// <summary>Embedding width D (<c>dim</c>; ViL-T 192, ViL-S 384, ViL-B 768).</summary>
    public int Dim { get; init; } = 192;

    /// <summary>Number of <see cref="ViLBlockPair"/>s (<c>depth</c>); each pair holds two sub-blocks (ViL-S: 12 = 24 sub-blocks).</summary>
    public int Depth { get; init; } = 12;

    /// <summary>Input shape (channels, height, width) (<c>input_shape</c>).</summary>
    public IReadOnlyList<int> InputShape { get; init; } = [3, 224, 224];

    /// <summary>Square patch size in pixels (<c>patch_size</c>).</summary>
    public int PatchSize { get; init; } = 16;

    /// <summary>Patch-embedding stride (<c>stride</c>); null means equal to the patch size (non-overlapping patches).</summary>
    public int? Stride { get; init; }

    /// <summary>Output shape (<c>output_shape</c>): <c>[num_classes]</c> for the classifier; ignored in features mode.</summary>
    public IReadOnlyList<int>? OutputShape { get; init; } = [1000];

    /// <summary>Features or classifier (<c>mode</c>).</summary>
    public VilMode Mode { get; init; } = VilMode.Classifier;

    /// <summary>Pooling as requested (<c>pooling</c>); see <see cref="EffectivePooling"/> for the one actually used.</summary>
    public VilPooling Pooling { get; init; } = VilPooling.BilateralFlatten;

    /// <summary>Stochastic-depth rate of the sub-block residual branches (<c>drop_path_rate</c>), in [0, 1).</summary>
    public double DropPathRate { get; init; }

    /// <summary>Whether the drop-path rate grows linearly from 0 to <see cref="DropPathRate"/> over the pairs (<c>drop_path_decay</c>).</summary>
    public bool DropPathDecay { get; init; }

    /// <summary>Whether a plain LayerNorm (eps 1e-5) follows the pooling (<c>legacy_norm</c>; the released models use it).</summary>
    public bool LegacyNorm { get; init; }

    /// <summary>Convolution on the mLSTM branch (<c>conv_kind</c>: <c>"2d"</c> or <c>"causal1d"</c>).</summary>
    public VilConvKind ConvKind { get; init; } = VilConvKind.Conv2d;

    /// <summary>
    /// Official <c>conv_kernel_size</c>. Official quirk kept: <c>VisionLSTM2</c> does not forward it to its block pairs,
    /// so every block uses <see cref="BlockConvKernelSize"/> = 3 whatever this says.
    /// </summary>
    public int ConvKernelSize { get; init; } = 3;

    /// <summary>Biases of proj_up, q/k/v and proj_down (<c>proj_bias</c>).</summary>
    public bool ProjBias { get; init; } = true;

    /// <summary>Biases of the block norms, the final norm and the mLSTM output norm (<c>norm_bias</c>).</summary>
    public bool NormBias { get; init; } = true;

    /// <summary>Initialisation variant of <c>proj_down</c> (<c>init_weights</c>).</summary>
    public VilInitWeights InitWeights { get; init; } = VilInitWeights.Original;

    /// <summary>Kernel size the block convolutions really use: 3, because the official model does not forward <see cref="ConvKernelSize"/>.</summary>
    public int BlockConvKernelSize => 3;

    /// <summary>Width of the ViL layer's inner (up-projected) channels: 2 * <see cref="Dim"/>.</summary>
    public int InnerDim => ExpansionOfLayer * Dim;

    /// <summary>Pooling actually applied: in features mode the bilateral poolings are replaced by none (official behaviour).</summary>
    public VilPooling EffectivePooling =>
        Mode == VilMode.Features && Pooling is VilPooling.BilateralAvg or VilPooling.BilateralFlatten ? VilPooling.None : Pooling;

    /// <summary>Width of the pooled vector seen by legacy_norm and head: 2D for classifier + bilateral_flatten, else D.</summary>
    public int HeadDim => Mode == VilMode.Classifier && Pooling == VilPooling.BilateralFlatten ? 2 * Dim : Dim;

    /// <summary>Number of classes of the head (classifier mode only).</summary>
    public int NumClasses => OutputShape is { Count: 1 } shape ? shape[0] : 0;

    /// <summary>Effective patch-embedding stride (the patch size when <see cref="Stride"/> is null).</summary>
    public int EffectiveStride => Stride ?? PatchSize;

    /// <summary>
    /// Grid of the learnable position embedding: input size // patch size per axis (official <c>seqlens</c>),
    /// which is also the token grid unless a stride different from the patch size is given.
    /// </summary>
    public TokenGrid PatchGrid => new(InputShape[1] / PatchSize, InputShape[2] / PatchSize);

    /// <summary>
    /// Grid of tokens the patch convolution produces: (size - patch) / stride + 1 per axis. Equals <see cref="PatchGrid"/>
    /// for the default stride; with another stride the position embedding is resized to it in forward.
    /// </summary>
    public TokenGrid TokenGrid =>
        new((InputShape[1] - PatchSize) / EffectiveStride + 1, (InputShape[2] - PatchSize) / EffectiveStride + 1);

    /// <summary>Drop-path rate of every block pair: uniform, or linspace(0, rate, depth) with <see cref="DropPathDecay"/>.</summary>
    public double[] DropPathRates()
    {
        var rates = new double[Depth];
        for (var i = 0; i < Depth; i++)
            rates[i] = !(DropPathDecay && DropPathRate > 0) ? DropPathRate : Depth == 1 ? 0 : DropPathRate * i / (Depth - 1);
        return rates;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending argument when the configuration cannot be built.</summary>
    /// <returns>This configuration, for chaining.</returns>
    public VisionLstmConfig Validate()
    {
        if (Dim < 4 || Dim % 4 != 0)
            Fail("dim", $"dim={Dim} must be a positive multiple of 4 (the q/k/v projections use 4x4 blocks and the mLSTM cell 4 heads)");
        if (Depth < 1)
            Fail("depth", $"depth={Depth} must be at least 1 (it counts block PAIRS)");
        if (InputShape is not { Count: 3 } || InputShape.Any(v => v < 1))
            throw Invalid("input_shape", $"input_shape=[{string.Join(", ", InputShape ?? [])}] must be 3 positive integers (channels, height, width)");
        if (PatchSize < 1)
            Fail("patch_size", $"patch_size={PatchSize} must be positive");
        if (InputShape[1] % PatchSize != 0 || InputShape[2] % PatchSize != 0)
            Fail("patch_size", $"input {InputShape[1]}x{InputShape[2]} is not divisible by patch_size={PatchSize}; " +
                               "choose an input height and width that are multiples of the patch size");
        if (Stride is < 1)
            Fail("stride", $"stride={Stride} must be positive or null");
        if (Mode == VilMode.Classifier && NumClasses < 1)
            Fail("output_shape", "classifier mode needs output_shape=[num_classes] with num_classes >= 1");
        if (Mode == VilMode.Classifier && Pooling == VilPooling.ToImage)
            Fail("pooling", "classifier mode cannot use pooling to_image (the head would act on the image width); use bilateral_flatten, bilateral_avg or null (per-token logits)");
        if (ConvKernelSize < 1)
            Fail("conv_kernel_size", $"conv_kernel_size={ConvKernelSize} must be positive");
        if (DropPathRate is < 0 or >= 1 || double.IsNaN(DropPathRate))
            Fail("drop_path_rate", $"drop_path_rate={DropPathRate} must be in [0, 1)");
        return this;
    }

    private static void Fail(string argument, string message) => throw Invalid(argument, message);

    private static ArgumentException Invalid(string argument, string message) =>
        new ArgumentException($"Invalid VisionLSTM2 config: {message} (argument '{argument}').");

    /// <summary>Parses the official JSON form (snake_case names, missing names take the official defaults; unknown names are rejected).</summary>
    /// <param name="json">A JSON object such as <c>{"dim": 64, "depth": 4, "input_shape": [3, 64, 64], ...}</c>.</param>
    /// <param name="source">Where the JSON comes from (file name or metadata key), quoted in error messages.</param>
    /// <returns>The validated configuration.</returns>
    public static VisionLstmConfig FromJson(string json, string source = "config JSON")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON ({e.Message}); expected an object of VisionLSTM2 arguments.", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source}: expected a JSON object of VisionLSTM2 arguments, got {doc.RootElement.ValueKind}.");
            var config = new VisionLstmConfig();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                try
                {
                    config = Apply(config, p);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
                {
                    throw new FormatException($"{source}: argument '{p.Name}' = {p.Value.GetRawText()} is invalid: {e.Message}", e);
                }
            }

            try
            {
                return config.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{source}: {e.Message}", e);
            }
        }
    }

    private static VisionLstmConfig Apply(VisionLstmConfig c, JsonProperty p)
    {
        var v = p.Value;
        return p.Name switch
        {
            "dim" => c with { Dim = v.GetInt32() },
            "depth" => c with { Depth = v.GetInt32() },
            "input_shape" => c with { InputShape = IntList(v) },
            "patch_size" => c with { PatchSize = SquareSize(v) },
            "stride" => c with { Stride = v.ValueKind == JsonValueKind.Null ? null : SquareSize(v) },
            "output_shape" => c with { OutputShape = v.ValueKind == JsonValueKind.Null ? null : IntList(v) },
            "mode" => c with { Mode = ParseMode(v.GetString()) },
            "pooling" => c with { Pooling = ParsePooling(v.ValueKind == JsonValueKind.Null ? null : v.GetString()) },
            "drop_path_rate" => c with { DropPathRate = v.GetDouble() },
            "drop_path_decay" => c with { DropPathDecay = v.GetBoolean() },
            "legacy_norm" => c with { LegacyNorm = v.GetBoolean() },
            "conv_kind" => c with { ConvKind = ParseConvKind(v.GetString()) },
            "conv_kernel_size" => c with { ConvKernelSize = v.GetInt32() },
            "proj_bias" => c with { ProjBias = v.GetBoolean() },
            "norm_bias" => c with { NormBias = v.GetBoolean() },
            "init_weights" => c with { InitWeights = ParseInitWeights(v.GetString()) },
            _ => throw new ArgumentException(
                "unknown argument; VisionLSTM2 takes dim, depth, input_shape, patch_size, stride, output_shape, mode, pooling, " +
                "drop_path_rate, drop_path_decay, legacy_norm, conv_kind, conv_kernel_size, proj_bias, norm_bias, init_weights"),
        };
    }

    private static int[] IntList(JsonElement v) => v.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int SquareSize(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number)
            return v.GetInt32();
        var list = IntList(v);
        if (list.Length == 2 && list[0] == list[1])
            return list[0];
        throw new ArgumentException("only square sizes (a number or [n, n]) are supported");
    }

    private static VilMode ParseMode(string? s) => s switch
    {
        "features" => VilMode.Features,
        "classifier" => VilMode.Classifier,
        _ => throw new ArgumentException("mode must be \"features\" or \"classifier\""),
    };

    private static VilPooling ParsePooling(string? s) => s switch
    {
        null or "none" => VilPooling.None,
        "to_image" => VilPooling.ToImage,
        "bilateral_avg" => VilPooling.BilateralAvg,
        "bilateral_flatten" => VilPooling.BilateralFlatten,
        _ => throw new ArgumentException("pooling must be null, \"to_image\", \"bilateral_avg\" or \"bilateral_flatten\""),
    };

    private static VilConvKind ParseConvKind(string? s) => s switch
    {
        "2d" => VilConvKind.Conv2d,
        "causal1d" => VilConvKind.Causal1d,
        _ => throw new ArgumentException("conv_kind must be \"2d\" or \"causal1d\""),
    };

    private static VilInitWeights ParseInitWeights(string? s) => s switch
    {
        "original" => VilInitWeights.Original,
        "original-fixed" => VilInitWeights.OriginalFixed,
        _ => throw new ArgumentException("init_weights must be \"original\" or \"original-fixed\""),
    };

    private static string? PoolingName(VilPooling p) => p switch
    {
        VilPooling.None => null,
        VilPooling.ToImage => "to_image",
        VilPooling.BilateralAvg => "bilateral_avg",
        _ => "bilateral_flatten",
    };

    /// <summary>Writes the official JSON form: every argument, by its official snake_case name.</summary>
    /// <returns>A compact JSON object that <see cref="FromJson"/> reads back to an equal configuration.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("dim", Dim);
            w.WriteStartArray("input_shape");
            foreach (var v in InputShape) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteNumber("patch_size", PatchSize);
            w.WriteNumber("depth", Depth);
            if (OutputShape is null)
                w.WriteNull("output_shape");
            else
            {
                w.WriteStartArray("output_shape");
                foreach (var v in OutputShape) w.WriteNumberValue(v);
                w.WriteEndArray();
            }

            w.WriteString("mode", Mode == VilMode.Features ? "features" : "classifier");
            if (PoolingName(Pooling) is { } pooling) w.WriteString("pooling", pooling);
            else w.WriteNull("pooling");
            w.WriteNumber("drop_path_rate", DropPathRate);
            w.WriteBoolean("drop_path_decay", DropPathDecay);
            if (Stride is { } stride) w.WriteNumber("stride", stride);
            else w.WriteNull("stride");
            w.WriteBoolean("legacy_norm", LegacyNorm);
            w.WriteString("conv_kind", ConvKind == VilConvKind.Conv2d ? "2d" : "causal1d");
            w.WriteNumber("conv_kernel_size", ConvKernelSize);
            w.WriteBoolean("proj_bias", ProjBias);
            w.WriteBoolean("norm_bias", NormBias);
            w.WriteString("init_weights", InitWeights == VilInitWeights.Original ? "original" : "original-fixed");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Value equality that compares the shape lists element-wise.</summary>
    public bool Equals(VisionLstmConfig? other) =>
        other is not null && ToJson() == other.ToJson();

    /// <inheritdoc />
    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);
}
