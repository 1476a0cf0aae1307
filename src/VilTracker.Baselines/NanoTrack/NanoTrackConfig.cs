using System.Globalization;

namespace VilTracker.Baselines.NanoTrack;

/// <summary>
/// The tracking constants of one NanoTrack version, read from the <c>TRACK</c> section of the official
/// <c>configvN.yaml</c>.
/// </summary>
/// <param name="WindowInfluence"><c>WINDOW_INFLUENCE</c>: weight of the cosine window in the final score.</param>
/// <param name="PenaltyK"><c>PENALTY_K</c>: strength of the scale/aspect-change penalty.</param>
/// <param name="LearningRate"><c>LR</c>: size-smoothing rate.</param>
/// <param name="ScoreSize"><c>OUTPUT_SIZE</c>: side of the score map (16 when the section does not set it, as in the reference's defaults).</param>
public sealed record NanoTrackConfig(double WindowInfluence, double PenaltyK, double LearningRate, int ScoreSize)
{
    /// <summary>Template crop side in pixels (<c>EXEMPLAR_SIZE</c>).</summary>
    public const int ExemplarSize = 127;

    /// <summary>Search crop side in pixels (<c>INSTANCE_SIZE</c>).</summary>
    public const int InstanceSize = 255;

    /// <summary>Context added around the target (<c>CONTEXT_AMOUNT</c>).</summary>
    public const double ContextAmount = 0.5;

    /// <summary>Pixels of the search crop per score cell (<c>POINT.STRIDE</c>).</summary>
    public const int Stride = 16;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// A required key is missing or not a number, or a size the ONNX models are built for (exemplar 127, instance 255,
    /// context 0.5) differs.
    /// </exception>
    public static NanoTrackConfig Load(string path)
    {
        var track = ReadSection(path, "TRACK");
        double Number(string key, double? fallback = null)
        {
            if (!track.TryGetValue(key, out var text))
                return fallback ?? throw new InvalidDataException($"NanoTrack config '{path}': TRACK.{key} is missing.");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new InvalidDataException($"NanoTrack config '{path}': TRACK.{key} = '{text}' is not a number.");
            return value;
        }
        void Expect(string key, double expected)
        {
            double value = Number(key, expected);
            if (value != expected)
                throw new InvalidDataException($"NanoTrack config '{path}': TRACK.{key} = {value}, but the ONNX models and this port need {expected}.");
        }
        Expect("EXEMPLAR_SIZE", ExemplarSize);
        Expect("INSTANCE_SIZE", InstanceSize);
        Expect("CONTEXT_AMOUNT", ContextAmount);
        double scoreSize = Number("OUTPUT_SIZE", 16);
        if (scoreSize != Math.Floor(scoreSize) || scoreSize < 2)
            throw new InvalidDataException($"NanoTrack config '{path}': TRACK.OUTPUT_SIZE = {scoreSize} must be an integer of at least 2.");
        return new NanoTrackConfig(Number("WINDOW_INFLUENCE"), Number("PENALTY_K"), Number("LR"), (int)scoreSize);
    }

    /// <summary>The <c>KEY: value</c> lines directly inside the top-level section <paramref name="section"/>.</summary>
    private static Dictionary<string, string> ReadSection(string path, string section)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inside = false, found = false;
        int? keyIndent = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = StripComment(raw).TrimEnd();
            if (line.Trim().Length == 0)
                continue;
            int indent = line.Length - line.TrimStart().Length;
            if (indent == 0)
            {
                inside = line == section + ":";
                found |= inside;
                keyIndent = null;
                continue;
            }
            if (!inside)
                continue;
            keyIndent ??= indent;
            if (indent != keyIndent)
                continue;
            int colon = line.IndexOf(':');
            if (colon < 0)
                continue;
            values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('\'', '"');
        }
        if (!found)
            throw new InvalidDataException($"NanoTrack config '{path}' has no top-level '{section}:' section.");
        return values;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        return hash < 0 ? line : line[..hash];
    }
}
