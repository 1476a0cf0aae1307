using System.CommandLine;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using SkiaSharp;
using Spectre.Console;
using VilTracker.Vil;
using VilTracker.Data;
using VilTracker.Evaluation;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack eval</c>: either runs trackers on a dataset (<c>--trackers</c>, resumable, results in the toolkits'
/// raw format under <c>--out</c>) and then scores them, or scores existing raw results (<c>--results</c>); scoring
/// uses the metrics of pytracking, pysot or got10k and writes the report files.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Builds the <c>eval</c> verb.</summary>
    public static Command Create()
    {
        var results = new Option<DirectoryInfo?>("--results")
        {
            Description = "Score existing results: a folder of tracker result folders ({tracker}/{seq}.txt), or one tracker's folder.",
        };
        var trackers = new Option<string?>("--trackers")
        {
            Description = $"Run these trackers first, comma separated (name or name:argument): {string.Join(", ", TrackerCatalog.Names)}. Needs --out.",
        };
        var dataset = new Option<DirectoryInfo>("--dataset")
        {
            Description = "Dataset folder with the frames and ground truth (layout detected unless --format is given).",
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
            Description = "With --trackers: results folder ({tracker}/{seq}.txt; existing complete results are kept) and report folder. " +
                          "With --results: report folder (default '<results>-report').",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "With --trackers: sequences tracked at the same time, each with its own tracker instance.",
            DefaultValueFactory = _ => 1,
        };
        var sequences = new Option<string?>("--sequences") { Description = "Only these sequences, comma separated (default: all)." };
        var maxFrames = new Option<int?>("--max-frames") { Description = "Only the first N frames of every sequence (tracking and scoring)." };
        var models = new Option<string?>("--nanotrack-models") { Description = "Folder with the NanoTrack ONNX models; default ../shared/models/nanotrack beside the repository root." };
        var json = new Option<bool>("--json") { Description = "Print the JSON summary on stdout instead of tables (progress goes to stderr)." };

        var command = new Command("eval", "Run trackers on a dataset and/or evaluate raw tracking results (AUC, precision, normalised precision, OP50, OP75, FPS); write Markdown/CSV/JSON/PNG reports.");
        foreach (var option in new Option[] { results, trackers, dataset, format, protocol, output, workers, sequences, maxFrames, models, json })
            command.Options.Add(option);
        command.SetAction(parse => Run(new EvalRequest(
            parse.GetValue(results), parse.GetValue(trackers), parse.GetValue(dataset)!, parse.GetValue(format),
            parse.GetValue(protocol)!, parse.GetValue(output), parse.GetValue(workers), parse.GetValue(sequences),
            parse.GetValue(maxFrames), parse.GetValue(models), parse.GetValue(json))));
        return command;
    }

    /// <summary>The parsed options of one <c>eval</c> call.</summary>
    private sealed record EvalRequest(
        DirectoryInfo? Results, string? Trackers, DirectoryInfo Dataset, string? Format, string Protocol, DirectoryInfo? Output,
        int Workers, string? Sequences, int? MaxFrames, string? NanoTrackModels, bool Json);

    private static int Run(EvalRequest request)
    {
        // With --json, stdout carries only the JSON; progress and messages go to stderr.
        var console = request.Json
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;
        try
        {
            var protocol = EvaluationProtocols.Parse(request.Protocol);
            var (resultsFolder, reportFolder) = Folders(request);
            if (request.MaxFrames is < 1)
                throw new ArgumentException($"--max-frames must be at least 1 (got {request.MaxFrames}).");
            var dataset = DatasetFormats.Open(request.Dataset.FullName, request.Format);
            var sequences = SelectSequences(dataset, request.Sequences)
                .Select(s => request.MaxFrames is { } n ? FirstFrames(s, n) : s)
                .ToList();
            if (request.Trackers is not null)
            {
                var specs = request.Trackers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(TrackerCatalog.Parse).ToList();
                if (specs.Count == 0)
                    throw new ArgumentException($"--trackers lists no tracker; valid names: {string.Join(", ", TrackerCatalog.Names)}.");
                RunTrackers(console, specs, sequences, resultsFolder, request.Workers, request.NanoTrackModels);
            }
            var sizes = NeedsImageSizes(protocol, sequences)
                ? sequences.ToDictionary(s => s.Name, FirstFrameSize)
                : null;
            var report = ResultsAnalysis.Analyze(resultsFolder, sequences, protocol, sizes);
            var written = ReportWriter.WriteAll(report, reportFolder);
            if (request.Json)
                Console.Out.Write(ReportWriter.ToJson(report));
            else
                Show(report, written);
            return 0;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]eval cancelled:[/] finished sequences are kept; run the same command again to resume.");
            return 130;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or KeyNotFoundException or VilWeightsException
                                      or InvalidOperationException or UnauthorizedAccessException
                                      or OpenCVException or OnnxRuntimeException)
        {
            console.MarkupLineInterpolated($"[red]eval failed:[/] {e.Message}");
            return 1;
        }
    }

    /// <summary>Where results are read from and where the report goes, from --results / --trackers / --out.</summary>
    private static (string Results, string Report) Folders(EvalRequest request)
    {
        if (request.Results is not null && request.Trackers is not null)
            throw new ArgumentException("Give either --trackers (run them, results in --out) or --results (score existing results), not both.");
        if (request.Results is not null)
            return (request.Results.FullName, request.Output?.FullName ?? Path.TrimEndingDirectorySeparator(request.Results.FullName) + "-report");
        if (request.Trackers is null)
            throw new ArgumentException("Give --trackers (with --out) to run trackers, or --results to score existing results.");
        if (request.Output is null)
            throw new ArgumentException("--trackers needs --out: the folder that receives the raw results and the report.");
        return (request.Output.FullName, request.Output.FullName);
    }

    /// <summary>The dataset's sequences, or the ones --sequences names (unknown names are an error listing the valid ones).</summary>
    private static IEnumerable<Sequence> SelectSequences(ISequenceDataset dataset, string? names)
    {
        if (names is null) return dataset.SequenceNames.Select(dataset.Load);
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = wanted.Where(w => !dataset.SequenceNames.Contains(w)).ToList();
        if (unknown.Count > 0 || wanted.Count == 0)
            throw new ArgumentException(
                $"--sequences: unknown sequence(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} in {dataset.Root}; valid names: {string.Join(", ", dataset.SequenceNames)}.");
        return wanted.Select(dataset.Load);
    }

    /// <summary>The first <paramref name="count"/> frames of a sequence (ground truth and visibility cut alike).</summary>
    private static Sequence FirstFrames(Sequence sequence, int count) =>
        sequence.FramePaths.Count <= count
            ? sequence
            : sequence with
            {
                FramePaths = sequence.FramePaths.Take(count).ToArray(),
                GroundTruth = sequence.GroundTruth.Take(count).ToArray(),
                TargetVisible = sequence.TargetVisible?.Take(count).ToArray(),
            };

    /// <summary>
    /// Runs the trackers with one progress bar per tracker (frames done, ETA). The first Ctrl+C stops the run before
    /// the next frame (finished sequences are on disk); a second one ends the process at once.
    /// </summary>
    private static void RunTrackers(
        IAnsiConsole console, IReadOnlyList<TrackerSpec> specs, IReadOnlyList<Sequence> sequences, string resultsFolder,
        int workers, string? nanoTrackModels)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            RunTrackers(console, specs, sequences, resultsFolder, workers, nanoTrackModels, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static void RunTrackers(
        IAnsiConsole console, IReadOnlyList<TrackerSpec> specs, IReadOnlyList<Sequence> sequences, string resultsFolder,
        int workers, string? nanoTrackModels, CancellationToken cancellation)
    {
        var factories = specs.Select(s => new NamedTrackerFactory(s.ResultName, () => TrackerCatalog.Create(s, nanoTrackModels))).ToList();
        int framesPerTracker = sequences.Sum(s => s.FramePaths.Count);
        IReadOnlyList<BenchmarkJobResult> done = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = factories.ToDictionary(f => f.Name, f => context.AddTask(Markup.Escape(f.Name), maxValue: framesPerTracker));
                var progress = new SynchronousProgress(p => tasks[p.Tracker].Increment(p.Skipped ? p.FrameCount : 1));
                done = BenchmarkRunner.Run(factories, sequences, resultsFolder, workers, progress, cancellation);
            });
        int skipped = done.Count(d => d.Skipped);
        if (skipped > 0)
            console.MarkupLineInterpolated($"kept {skipped} complete result(s) already in {resultsFolder}; ran {done.Count - skipped}.");
    }

    /// <summary>Forwards reports on the reporting thread (Progress&lt;T&gt; would post them to the thread pool, possibly after the run ended).</summary>
    private sealed class SynchronousProgress(Action<BenchmarkProgress> onReport) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => onReport(value);
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
