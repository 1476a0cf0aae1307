using System.CommandLine;
using SkiaSharp;
using Spectre.Console;
using VilTracker.Data;
using VilTracker.Evaluation;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack eval</c>: scores existing raw results (one folder per tracker, or one tracker folder) against a
/// dataset's ground truth with the metrics of pytracking, pysot or got10k, and writes the report files.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Builds the <c>eval</c> verb.</summary>
    public static Command Create()
    {
        var results = new Option<DirectoryInfo>("--results")
        {
            Description = "Folder of tracker result folders ({tracker}/{seq}.txt), or one tracker's folder.",
            Required = true,
        };
        var dataset = new Option<DirectoryInfo>("--dataset")
        {
            Description = "Dataset folder with the ground truth (layout detected unless --format is given).",
            Required = true,
        };
        var format = new Option<string?>("--format")
        {
            Description = "Dataset layout: " + string.Join(", ", DatasetFormats.All) + " (default: detected).",
        };
        var protocol = new Option<string>("--protocol")
        {
            Description = "Metric definitions to reproduce: pytracking (default), pysot or got10k.",
            DefaultValueFactory = _ => "pytracking",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Report folder (default: '<results>-report' beside the results folder).",
        };
        var json = new Option<bool>("--json") { Description = "Print the JSON summary on stdout instead of tables." };

        var command = new Command("eval", "Evaluate raw tracking results (AUC, precision, normalised precision, OP50, OP75, FPS) and write Markdown/CSV/JSON/PNG reports.");
        command.Options.Add(results);
        command.Options.Add(dataset);
        command.Options.Add(format);
        command.Options.Add(protocol);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parse => Run(
            parse.GetValue(results)!, parse.GetValue(dataset)!, parse.GetValue(format), parse.GetValue(protocol)!,
            parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static int Run(DirectoryInfo results, DirectoryInfo datasetFolder, string? format, string protocolName, DirectoryInfo? output, bool json)
    {
        try
        {
            var protocol = EvaluationProtocols.Parse(protocolName);
            var dataset = DatasetFormats.Open(datasetFolder.FullName, format);
            var sequences = dataset.SequenceNames.Select(dataset.Load).ToList();
            var sizes = NeedsImageSizes(protocol, sequences)
                ? sequences.ToDictionary(s => s.Name, FirstFrameSize)
                : null;
            var report = ResultsAnalysis.Analyze(results.FullName, sequences, protocol, sizes);
            string outFolder = output?.FullName ?? Path.TrimEndingDirectorySeparator(results.FullName) + "-report";
            var written = ReportWriter.WriteAll(report, outFolder);
            if (json)
                Console.Out.Write(ReportWriter.ToJson(report));
            else
                Show(report, written);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or KeyNotFoundException
                                      or InvalidOperationException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]eval failed:[/] {e.Message}");
            return 1;
        }
    }

    private static bool NeedsImageSizes(EvaluationProtocol protocol, IEnumerable<Sequence> sequences) =>
        protocol == EvaluationProtocol.Got10k && sequences.Any(s => BenchmarkKinds.FromDatasetName(s.Dataset) == BenchmarkKind.Got10k);

    /// <summary>Reads the size of the first frame from its header (the GOT-10k bound), without decoding pixels.</summary>
    private static ImageSize FirstFrameSize(Sequence sequence)
    {
        string first = sequence.FramePaths.Count > 0
            ? sequence.FramePaths[0]
            : throw new InvalidDataException($"Sequence '{sequence.Name}' has no frames to read the image size from.");
        using var codec = SKCodec.Create(first)
            ?? throw new InvalidDataException($"{first}: not a readable image; the GOT-10k protocol needs the frame size.");
        return new ImageSize(codec.Info.Width, codec.Info.Height);
    }

    private static void Show(AnalysisReport report, IReadOnlyList<string> written)
    {
        var table = new Table().Title($"{report.Protocol.Name()} protocol, scores in %");
        foreach (string column in new[] { "Tracker", "AUC", "Precision", "Norm. prec.", "OP50", "OP75", "FPS", "Sequences" })
            table.AddColumn(column);
        foreach (var t in report.Trackers)
            table.AddRow(Markup.Escape(t.Tracker), Percent(t.Auc), Percent(t.Precision), Percent(t.NormPrecision),
                Percent(t.Op50), Percent(t.Op75), t.Fps is { } f && double.IsFinite(f) ? f.ToString("0.0") : "-",
                $"{t.Sequences.Count}/{report.SequenceCount}");
        AnsiConsole.Write(table);
        foreach (var m in report.Missing)
            AnsiConsole.MarkupLineInterpolated($"[yellow]missing:[/] tracker {m.Tracker}, sequence {m.Sequence} (expected {m.ExpectedPath})");
        if (report.ExcludedSequences.Count > 0)
            AnsiConsole.MarkupLineInterpolated($"[yellow]left out of the aggregates:[/] {string.Join(", ", report.ExcludedSequences)}");
        foreach (string path in written)
            AnsiConsole.MarkupLineInterpolated($"wrote {path}");
    }

    private static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (100 * v).ToString("0.00") : "-";
}
