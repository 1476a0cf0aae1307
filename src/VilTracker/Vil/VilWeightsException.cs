namespace VilTracker.Vil;

/// <summary>
/// A state dict does not fit a <see cref="VisionLstm"/>: every missing, unexpected, shape-mismatched or non-finite
/// tensor is listed by name in one message.
/// </summary>
public sealed class VilWeightsException : Exception
{
    /// <summary>Creates the exception from the lists of problems found in <paramref name="source"/>.</summary>
    /// <param name="source">Where the weights come from (file name), quoted in the message.</param>
    /// <param name="missing">Model parameters the weights lack.</param>
    /// <param name="unexpected">Weights no model parameter takes.</param>
    /// <param name="mismatched">Weights whose shape differs from the parameter's: "name: weights [..] vs model [..]".</param>
    /// <param name="nonFinite">Weights holding NaN or infinity.</param>
    public VilWeightsException(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> mismatched, IReadOnlyList<string> nonFinite)
        : base(Describe(source, missing, unexpected, mismatched, nonFinite))
    {
        Missing = missing;
        Unexpected = unexpected;
        Mismatched = mismatched;
        NonFinite = nonFinite;
    }

    /// <summary>Model parameters the weights lack.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Weights no model parameter takes.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Weights whose shape differs from the parameter's, with both shapes.</summary>
    public IReadOnlyList<string> Mismatched { get; }

    /// <summary>Weights holding NaN or infinity.</summary>
    public IReadOnlyList<string> NonFinite { get; }

    private static string Describe(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> mismatched, IReadOnlyList<string> nonFinite)
    {
        var parts = new List<string> { $"{source}: the weights do not fit the ViL model built from the config." };
        if (missing.Count > 0)
            parts.Add($"Missing ({missing.Count}): {string.Join(", ", missing)}.");
        if (unexpected.Count > 0)
            parts.Add($"Unexpected ({unexpected.Count}): {string.Join(", ", unexpected)}.");
        if (mismatched.Count > 0)
            parts.Add($"Shape mismatch ({mismatched.Count}): {string.Join("; ", mismatched)}.");
        if (nonFinite.Count > 0)
            parts.Add($"NaN or infinity in ({nonFinite.Count}): {string.Join(", ", nonFinite)}.");
        parts.Add("Check that the config (dim, depth, input_shape, patch_size, mode, pooling, legacy_norm, output_shape, biases) " +
                  "matches the checkpoint it comes from.");
        return string.Join(" ", parts);
    }
}
