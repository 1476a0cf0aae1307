using VilTracker.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VilTracker.Evaluation;

/// <summary>
/// Writes an <see cref="AnalysisReport"/> as <c>summary.md</c>, <c>summary.csv</c>, <c>sequences.csv</c>,
/// <c>summary.json</c>, <c>success_plot.png</c> and <c>precision_plot.png</c> (each atomically).
/// Units: JSON and CSV hold fractions in [0, 1] (NaN/absent as null / empty); the Markdown tables show the same
/// numbers as percentages with two decimals, like the papers. FPS = timed frames / total seconds.
/// </summary>
public static class ReportWriter
{
    /// <summary>How the JSON and CSV files express scores.</summary>
    public const string Units = "fraction in [0, 1]";

    /// <summary>How FPS is computed.</summary>
    public const string FpsDefinition = "timed frames / total seconds of the _time.txt files (pytracking/OSTrack definition)";

    /// <summary>Writes every report file into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(AnalysisReport report, string folder)
    {
        var written = new List<string>();
        void Write(string name, string text)
        {
            string path = Path.Combine(folder, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        Write("summary.md", ToMarkdown(report));
        Write("summary.csv", ToTrackerCsv(report));
        Write("sequences.csv", ToSequenceCsv(report));
        Write("summary.json", ToJson(report));
        string success = Path.Combine(folder, "success_plot.png");
        CurvePlotter.WriteSuccessPlot(success, report.Trackers);
        written.Add(success);
        string precision = Path.Combine(folder, "precision_plot.png");
        if (CurvePlotter.WritePrecisionPlot(precision, report.Trackers)) written.Add(precision);
        return written;
    }

    /// <summary>Markdown: tracker table (percentages), per-sequence tables, missing results.</summary>
    public static string ToMarkdown(AnalysisReport report)
    {
        var md = new StringBuilder();
        md.Append("# Tracking evaluation (").Append(report.Protocol.Name()).Append(" protocol)\n\n");
        md.Append("Scores in percent (the JSON/CSV files hold the same values as fractions). FPS = ")
          .Append(FpsDefinition).Append(".\n");
        int evaluated = report.Trackers.Count > 0 ? report.Trackers[0].Sequences.Count : 0;
        md.Append("Sequences evaluated: ").Append(evaluated).Append(" / ").Append(report.SequenceCount).Append(".\n\n");
        md.Append("| Tracker | AUC | Precision | Norm. precision | OP50 | OP75 | FPS |\n|---|---|---|---|---|---|---|\n");
        foreach (var t in report.Trackers)
            md.Append("| ").Append(t.Tracker).Append(" | ").Append(Percent(t.Auc)).Append(" | ").Append(Percent(t.Precision))
              .Append(" | ").Append(Percent(t.NormPrecision)).Append(" | ").Append(Percent(t.Op50)).Append(" | ")
              .Append(Percent(t.Op75)).Append(" | ").Append(Fps(t.Fps)).Append(" |\n");
        foreach (var t in report.Trackers)
        {
            md.Append("\n## ").Append(t.Tracker).Append(" per sequence\n\n");
            md.Append("| Sequence | Frames | AUC | Precision | Norm. precision | OP50 | OP75 | FPS |\n|---|---|---|---|---|---|---|---|\n");
            foreach (var s in t.Sequences)
                md.Append("| ").Append(s.Sequence).Append(" | ").Append(s.Frames).Append(" | ").Append(Percent(s.Auc))
                  .Append(" | ").Append(Percent(s.Precision)).Append(" | ").Append(Percent(s.NormPrecision)).Append(" | ")
                  .Append(Percent(s.Op50)).Append(" | ").Append(Percent(s.Op75)).Append(" | ").Append(Fps(s.Fps)).Append(" |\n");
        }
        if (report.Missing.Count > 0 || report.ExcludedSequences.Count > 0)
        {
            md.Append("\n## Missing results\n\n");
            foreach (var m in report.Missing)
                md.Append("- tracker `").Append(m.Tracker).Append("`, sequence `").Append(m.Sequence)
                  .Append("`: no result (expected `").Append(m.ExpectedPath).Append("`)\n");
            if (report.ExcludedSequences.Count > 0)
                md.Append("\nLeft out of every aggregate (not all trackers have them): ")
                  .Append(string.Join(", ", report.ExcludedSequences)).Append(".\n");
        }
        return md.ToString();
    }

    /// <summary>CSV, one row per tracker: <c>tracker,auc,precision,norm_precision,op50,op75,fps,sequences</c> (fractions).</summary>
    public static string ToTrackerCsv(AnalysisReport report)
    {
        var csv = new StringBuilder("tracker,auc,precision,norm_precision,op50,op75,fps,sequences\n");
        foreach (var t in report.Trackers)
            csv.AppendJoin(',', Csv(t.Tracker), Number(t.Auc), Number(t.Precision), Number(t.NormPrecision),
                Number(t.Op50), Number(t.Op75), Number(t.Fps), t.Sequences.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    /// <summary>CSV, one row per tracker and sequence (fractions).</summary>
    public static string ToSequenceCsv(AnalysisReport report)
    {
        var csv = new StringBuilder("tracker,sequence,frames,counted_frames,auc,precision,norm_precision,op50,op75,average_overlap,fps\n");
        foreach (var t in report.Trackers)
            foreach (var s in t.Sequences)
                csv.AppendJoin(',', Csv(t.Tracker), Csv(s.Sequence), s.Frames.ToString(CultureInfo.InvariantCulture),
                    s.CountedFrames.ToString(CultureInfo.InvariantCulture), Number(s.Auc), Number(s.Precision),
                    Number(s.NormPrecision), Number(s.Op50), Number(s.Op75), Number(s.AverageOverlap), Number(s.Fps)).Append('\n');
        return csv.ToString();
    }

    /// <summary>
    /// JSON summary: protocol, units, per tracker <c>auc</c>, <c>precision</c>, <c>norm_precision</c>, <c>op50</c>,
    /// <c>op75</c>, <c>fps</c>, whole averaged curves, and per sequence the same plus its curves; missing results.
    /// </summary>
    public static string ToJson(AnalysisReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("protocol", report.Protocol.Name());
            json.WriteString("units", Units);
            json.WriteString("fps_definition", FpsDefinition);
            json.WriteNumber("sequence_count", report.SequenceCount);
            json.WriteStartArray("excluded_sequences");
            foreach (var s in report.ExcludedSequences) json.WriteStringValue(s);
            json.WriteEndArray();
            json.WriteStartArray("missing");
            foreach (var m in report.Missing)
            {
                json.WriteStartObject();
                json.WriteString("tracker", m.Tracker);
                json.WriteString("sequence", m.Sequence);
                json.WriteString("expected_path", m.ExpectedPath);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("trackers");
            foreach (var t in report.Trackers)
            {
                json.WriteStartObject();
                json.WriteString("name", t.Tracker);
                WriteScores(json, t.Auc, t.Precision, t.NormPrecision, t.Op50, t.Op75, t.Fps);
                json.WriteNumber("sequences_evaluated", t.Sequences.Count);
                WriteCurves(json, t.SuccessCurve, t.PrecisionCurve, t.NormPrecisionCurve);
                json.WriteStartArray("sequences");
                foreach (var s in t.Sequences)
                {
                    json.WriteStartObject();
                    json.WriteString("name", s.Sequence);
                    json.WriteNumber("frames", s.Frames);
                    json.WriteNumber("counted_frames", s.CountedFrames);
                    WriteScores(json, s.Auc, s.Precision, s.NormPrecision, s.Op50, s.Op75, s.Fps);
                    WriteNumber(json, "average_overlap", s.AverageOverlap);
                    WriteCurves(json, s.SuccessCurve, s.PrecisionCurve, s.NormPrecisionCurve);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteScores(Utf8JsonWriter json, double auc, double? precision, double? normPrecision, double op50, double op75, double? fps)
    {
        WriteNumber(json, "auc", auc);
        WriteNumber(json, "precision", precision);
        WriteNumber(json, "norm_precision", normPrecision);
        WriteNumber(json, "op50", op50);
        WriteNumber(json, "op75", op75);
        WriteNumber(json, "fps", fps);
    }

    private static void WriteCurves(Utf8JsonWriter json, MetricCurve success, MetricCurve? precision, MetricCurve? normPrecision)
    {
        WriteCurve(json, "success_curve", success);
        WriteCurve(json, "precision_curve", precision);
        WriteCurve(json, "norm_precision_curve", normPrecision);
    }

    private static void WriteCurve(Utf8JsonWriter json, string name, MetricCurve? curve)
    {
        if (curve is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteStartArray("thresholds");
        foreach (double v in curve.Thresholds) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("values");
        foreach (double v in curve.Values) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static string Percent(double? value) =>
        value is { } v && double.IsFinite(v) ? (100 * v).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Fps(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
