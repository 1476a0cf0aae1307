using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VilTracker.IO;

namespace VilTracker.Training;

/// <summary>
/// Append-only training log in a run folder: <c>metrics.jsonl</c> (one JSON object per step) and <c>metrics.csv</c>
/// (header + one row per step). Each line is flushed as it is written; a resumed run first drops the lines of steps
/// after its checkpoint, so the log never holds a step twice.
/// </summary>
public sealed class MetricsLog
{
    /// <summary>JSON-lines file name.</summary>
    public const string JsonFile = "metrics.jsonl";

    /// <summary>CSV file name.</summary>
    public const string CsvFile = "metrics.csv";

    /// <summary>A diverged step's NaN or infinite loss is written as the string "NaN" / "Infinity".</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly string jsonPath;
    private readonly string csvPath;
    private readonly IReadOnlyList<string> terms;

    /// <summary>A log in <paramref name="runFolder"/> with columns for <paramref name="termNames"/>.</summary>
    public MetricsLog(string runFolder, IReadOnlyList<string> termNames)
    {
        Directory.CreateDirectory(runFolder);
        jsonPath = Path.Combine(runFolder, JsonFile);
        csvPath = Path.Combine(runFolder, CsvFile);
        terms = termNames;
    }

    /// <summary>The CSV header line.</summary>
    public string CsvHeader => string.Join(',', new[] { "step", "epoch", "difficulty", "lr", "loss" }.Concat(terms).Concat(["iou", "samples_per_s"]));

    /// <summary>
    /// Drops the lines of steps after <paramref name="step"/>, and a last line torn by a kill in mid-write
    /// (rewriting each file atomically).
    /// </summary>
    public void TruncateAfter(long step)
    {
        if (File.Exists(jsonPath))
            AtomicFile.WriteAllText(jsonPath, string.Concat(File.ReadAllLines(jsonPath)
                .Where(l => JsonLineStep(l) <= step)
                .Select(l => l + "\n")));
        if (File.Exists(csvPath))
        {
            int columns = CsvHeader.Split(',').Length;
            AtomicFile.WriteAllText(csvPath, string.Concat(File.ReadAllLines(csvPath)
                .Where((l, i) => i == 0 || CsvLineStep(l, columns) <= step)
                .Select(l => l + "\n")));
        }
    }

    /// <summary>The step of a complete JSON line, or <see cref="long.MaxValue"/> for an empty or torn one.</summary>
    private static long JsonLineStep(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("step", out var s) && s.TryGetInt64(out long value) ? value : long.MaxValue;
        }
        catch (JsonException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>The step of a complete CSV row, or <see cref="long.MaxValue"/> for an empty or torn one.</summary>
    private static long CsvLineStep(string line, int columns)
    {
        var cells = line.Split(',');
        return cells.Length == columns && long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : long.MaxValue;
    }

    /// <summary>Appends one step to both files.</summary>
    public void Append(StepMetrics m)
    {
        var json = new Dictionary<string, object>
        {
            ["step"] = m.Step, ["epoch"] = m.Epoch, ["difficulty"] = m.Difficulty, ["lr"] = m.LearningRate, ["loss"] = m.Loss,
        };
        foreach (var (name, value) in m.Terms) json[name] = value;
        json["iou"] = m.MeanIou;
        json["samples_per_s"] = m.SamplesPerSecond;
        AppendLine(jsonPath, JsonSerializer.Serialize(json, JsonOptions));
        if (!File.Exists(csvPath) || new FileInfo(csvPath).Length == 0)
            AppendLine(csvPath, CsvHeader);
        var row = new[] { m.Step.ToString(CultureInfo.InvariantCulture), m.Epoch.ToString(CultureInfo.InvariantCulture), F(m.Difficulty), F(m.LearningRate), F(m.Loss) }
            .Concat(terms.Select(t => F(m.Terms[t]))).Concat([F(m.MeanIou), F(m.SamplesPerSecond)]);
        AppendLine(csvPath, string.Join(',', row));
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void AppendLine(string path, string line)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
