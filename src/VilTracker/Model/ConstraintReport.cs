using System.Text.Json.Serialization;

namespace VilTracker.Model;

/// <summary>
/// How a model preset measures against the deployment limits: parameters (per component and total), the size of its
/// fp16 weights on disk, executed multiply-accumulates and FLOPs, and forward latency on this machine.
/// </summary>
public sealed record ConstraintReport
{
    /// <summary>Limit on parameters.</summary>
    public const long MaxParams = 50_000_000;

    /// <summary>Limit on the fp16 weight file.</summary>
    public const long MaxFp16Bytes = 500_000_000;

    /// <summary>Limit on multiply-accumulates per forward at batch 1.</summary>
    public const long MaxMacs = 20_000_000_000;

    /// <summary>Preset or configuration name.</summary>
    [JsonPropertyName("preset")] public required string Preset { get; init; }

    /// <summary>Template and search crop sides the numbers were measured at.</summary>
    [JsonPropertyName("input")] public required string Input { get; init; }

    /// <summary>Parameters per component.</summary>
    [JsonPropertyName("params_by_component")] public required IReadOnlyDictionary<string, long> ParamsByComponent { get; init; }

    /// <summary>Total parameters.</summary>
    [JsonPropertyName("params")] public required long Params { get; init; }

    /// <summary>Bytes of the fp16 safetensors weight file, measured on disk.</summary>
    [JsonPropertyName("fp16_bytes")] public required long Fp16Bytes { get; init; }

    /// <summary>Multiply-accumulates of one forward at batch 1, counted from the executed operations.</summary>
    [JsonPropertyName("macs")] public required long Macs { get; init; }

    /// <summary>MACs per operation kind.</summary>
    [JsonPropertyName("macs_by_kind")] public required IReadOnlyDictionary<string, long> MacsByKind { get; init; }

    /// <summary>Floating-point operations (2 per multiply-accumulate).</summary>
    [JsonPropertyName("flops")] public long Flops => 2 * Macs;

    /// <summary>What the MAC count leaves out.</summary>
    [JsonPropertyName("macs_left_out")] public required string MacsLeftOut { get; init; }

    /// <summary>Median forward latency, float32, batch 1, in milliseconds.</summary>
    [JsonPropertyName("latency_ms")] public required double LatencyMs { get; init; }

    /// <summary>Median forward latency in bfloat16, or null where it does not run.</summary>
    [JsonPropertyName("latency_ms_bf16")] public double? LatencyMsBf16 { get; init; }

    /// <summary>Why bfloat16 latency is missing, if it is.</summary>
    [JsonPropertyName("bf16_note")] public string? Bf16Note { get; init; }

    /// <summary>Forward passes per second implied by <see cref="LatencyMs"/>.</summary>
    [JsonPropertyName("fps")] public double Fps => 1000.0 / LatencyMs;

    /// <summary>Achieved GFLOP/s of the float32 forward.</summary>
    [JsonPropertyName("gflops_achieved")] public double GflopsAchieved => Flops / (LatencyMs * 1e6);

    /// <summary>True when every limit is met.</summary>
    [JsonPropertyName("pass")] public bool Pass => Params <= MaxParams && Fp16Bytes <= MaxFp16Bytes && Macs <= MaxMacs;
}
