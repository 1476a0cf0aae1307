using System.Globalization;
using VilTracker.Data;

namespace VilTracker.Training.Sampling;

/// <summary>
/// Builds the training mix from command-line style specifications: <c>DIR[:format][@weight]</c> for a dataset and
/// <c>N[@weight]</c> for N generated synthetic sequences, with held-out sequence names left out.
/// </summary>
public static class TrainingMix
{
    /// <summary>
    /// Splits <c>DIR[:format][@weight]</c>: the weight after the last <c>@</c> when it is a number, the format after
    /// the last <c>:</c> when it is a known format name (<see cref="DatasetFormats.All"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The weight is not a positive number.</exception>
    public static (string Path, string? Format, double Weight) ParseData(string spec)
    {
        string rest = spec.Trim();
        double weight = 1;
        int at = rest.LastIndexOf('@');
        if (at > 0)
        {
            if (!double.TryParse(rest[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0))
                throw new ArgumentException($"--data '{spec}': the weight after '@' must be a positive number.");
            rest = rest[..at];
        }
        string? format = null;
        int colon = rest.LastIndexOf(':');
        if (colon > 0 && DatasetFormats.All.Contains(rest[(colon + 1)..].ToLowerInvariant()))
        {
            format = rest[(colon + 1)..].ToLowerInvariant();
            rest = rest[..colon];
        }
        return (rest, format, weight);
    }

    /// <summary>Splits <c>N[@weight]</c>.</summary>
    /// <exception cref="ArgumentException">N is not a positive integer or the weight not a positive number.</exception>
    public static (int Count, double Weight) ParseSynthetic(string spec)
    {
        var parts = spec.Trim().Split('@');
        double weight = 1;
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count <= 0
            || (parts.Length == 2 && (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0))))
            throw new ArgumentException($"--synthetic '{spec}': expected N[@weight] with N a positive number of sequences and a positive weight.");
        return (count, weight);
    }

    /// <summary>
    /// The sources for the given dataset and synthetic specifications; sequences whose name is in
    /// <paramref name="heldOut"/> are left out of the datasets.
    /// </summary>
    /// <exception cref="ArgumentException">A specification is malformed, or a dataset has no sequence left.</exception>
    public static IReadOnlyList<TrainingSource> Build(IEnumerable<string> data, IEnumerable<string> synthetic, IReadOnlySet<string> heldOut, ulong seed)
    {
        var sources = new List<TrainingSource>();
        foreach (var spec in data)
        {
            var (path, format, weight) = ParseData(spec);
            var dataset = DatasetFormats.Open(path, format);
            var names = dataset.SequenceNames.Where(n => !heldOut.Contains(n)).ToArray();
            if (names.Length == 0)
                throw new ArgumentException($"--data '{spec}': no sequence left after holding out {string.Join(", ", heldOut)}.");
            var sequences = names.Select(n => (ITrainingSequence)new DatasetTrainingSequence(dataset.Load(n))).ToArray();
            sources.Add(new TrainingSource($"{dataset.Name}:{Path.GetFullPath(path)} ({names.Length} sequences)", sequences, weight));
        }
        foreach (var spec in synthetic)
        {
            var (count, weight) = ParseSynthetic(spec);
            sources.Add(new TrainingSource($"synthetic x{count}", SyntheticTrainingSequence.Many(count, seed), weight));
        }
        return sources;
    }
}
