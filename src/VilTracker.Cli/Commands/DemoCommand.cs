using System.CommandLine;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Spectre.Console;
using VilTracker.Baselines.OpenCv;
using VilTracker.Data;
using VilTracker.Data.Synthetic;
using VilTracker.Evaluation;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.IO;
using VilTracker.Tracking;
using VilTracker.Vil;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack demo</c>: the main job out of the box. Without <c>--input</c> it renders the fixed synthetic drone
/// sequence (<see cref="SyntheticSequenceOptions.Demo"/>, seed <see cref="SyntheticSequenceOptions.DemoSeed"/>),
/// tracks it with the bundled default model and CSRT side by side, scores both with the pytracking protocol and
/// writes the boxes, a video with every box and a success plot. With <c>--input VIDEO --init x,y,w,h</c> it does the
/// same on the user's video, without scores.
/// </summary>
public static class DemoCommand
{
    /// <summary>Name of the demo sequence folder (and of its raw-result files).</summary>
    public const string SequenceName = "demo-drone";

    /// <summary>Builds the <c>demo</c> verb.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the sequence, boxes, video and report (replaced on every run).", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var input = new Option<string?>("--input") { Description = "Your video file, image folder, camera index or stream URL instead of the synthetic sequence (needs --init; no scores)." };
        var init = new Option<string?>("--init") { Description = "With --input: the box on the first frame, x,y,w,h in pixels." };
        var weights = new Option<string?>("--weights") { Description = "Model folder of the vil tracker (default: the bundled model)." };
        var compare = new Option<string>("--compare") { Description = $"Trackers to run beside vil, comma separated: {string.Join(", ", TrackerCatalog.Names.Where(n => n != "vil"))}.", DefaultValueFactory = _ => "csrt" };
        var models = new Option<string?>("--nanotrack-models") { Description = "Folder with the NanoTrack ONNX models, when --compare names one (default ../shared/models/nanotrack)." };

        var command = new Command("demo", "Track the built-in synthetic drone sequence (or your video) with the bundled VilTracker model and CSRT; print scores and write boxes, a video and a plot.");
        foreach (var option in new Option[] { output, input, init, weights, compare, models })
            command.Options.Add(option);
        command.SetAction(parse => Run(new DemoRequest(
            parse.GetValue(output)!, parse.GetValue(input), parse.GetValue(init), parse.GetValue(weights), parse.GetValue(compare)!, parse.GetValue(models))));
        return command;
    }

    /// <summary>The options of one <c>demo</c> run.</summary>
    /// <param name="Output">Folder for everything the demo writes.</param>
    /// <param name="Input">The user's frames, or null for the synthetic demo sequence.</param>
    /// <param name="Init">Initial box text (x,y,w,h) for <paramref name="Input"/>.</param>
    /// <param name="Weights">Model folder of the vil tracker, or null for the bundled model.</param>
    /// <param name="Compare">Comma-separated trackers run beside vil.</param>
    /// <param name="NanoTrackModels">Folder of the NanoTrack models, or null for the default.</param>
    public sealed record DemoRequest(string Output, string? Input, string? Init, string? Weights, string Compare, string? NanoTrackModels);

    /// <summary>Runs the demo; returns the exit code (0 success, 1 bad input or data).</summary>
    public static int Run(DemoRequest request)
    {
        var trackers = new List<ITracker>();
        try
        {
            if ((request.Input is null) != (request.Init is null))
                throw new ArgumentException("--input and --init go together: give both to run on your own frames, or neither for the synthetic demo sequence.");
            var specs = new[] { new TrackerSpec("vil", request.Weights) }
                .Concat(request.Compare.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TrackerCatalog.Parse))
                .ToList();
            var duplicate = specs.GroupBy(s => s.ResultName).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ArgumentException($"Tracker '{duplicate.Key}' is named twice (vil always runs; --compare lists the others).");

            string output = Path.GetFullPath(request.Output);
            Directory.CreateDirectory(output);
            Sequence? sequence = request.Input is null ? WriteDemoSequence(output) : null;
            foreach (var spec in specs)
                trackers.Add(TrackerCatalog.Create(spec, request.NanoTrackModels));

            using var source = sequence is null ? FrameSources.Open(request.Input!) : new FolderFrameSource(Path.GetDirectoryName(sequence.FramePaths[0])!);
            var init = sequence?.GroundTruth[0] ?? InitBox.Parse(request.Init!);
            string video = Path.Combine(output, "demo.mp4");
            double fps = (source as VideoFrameSource)?.FramesPerSecond ?? 30;
            var tracks = Track(source, trackers, init, sequence?.GroundTruth, video, fps);

            string results = Path.Combine(output, "results");
            if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
            string name = sequence?.Name ?? ResultName(request.Input!);
            for (int i = 0; i < tracks.Count; i++)
                RawResultLayout.WriteFlat(Path.Combine(results, specs[i].ResultName), name, tracks[i].Boxes, tracks[i].Seconds);

            if (sequence is null)
                ShowUnscored(specs, tracks, results, name, video);
            else
                ShowScored(ResultsAnalysis.Analyze(results, [sequence]), output, results, video);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or BadFrameException or VilWeightsException
                                      or UnauthorizedAccessException or OpenCVException or OnnxRuntimeException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]viltrack demo:[/] {e.Message}");
            return 1;
        }
        finally
        {
            foreach (var tracker in trackers) tracker.Dispose();
        }
    }

    /// <summary>Renders the fixed synthetic demo sequence into <c>{output}/sequence/demo-drone</c> (generic layout) and reads it back.</summary>
    public static Sequence WriteDemoSequence(string output)
    {
        var generator = new SyntheticSequenceGenerator(SyntheticSequenceOptions.Demo, SyntheticSequenceOptions.DemoSeed);
        AnsiConsole.MarkupLineInterpolated($"rendering the synthetic drone sequence ({generator.FrameCount} frames, seed {generator.Seed})");
        return SyntheticSequenceWriter.Write(generator, Path.Combine(output, "sequence"), SequenceName, overwrite: true);
    }

    private static IReadOnlyList<SideBySideRun.TrackerTrack> Track(
        IFrameSource source, IReadOnlyList<ITracker> trackers, Box init, IReadOnlyList<Box>? groundTruth, string video, double fps)
    {
        IReadOnlyList<SideBySideRun.TrackerTrack> tracks = [];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{string.Join(" + ", trackers.Select(t => t.Name))} on {Markup.Escape(source.Description)}", maxValue: source.FrameCount ?? 1);
                task.IsIndeterminate = source.FrameCount is null;
                tracks = SideBySideRun.Execute(source, trackers, init, groundTruth, video, fps, () => task.Increment(1));
                task.MaxValue = task.Value;
            });
        return tracks;
    }

    private static void ShowScored(AnalysisReport report, string output, string results, string video)
    {
        AnsiConsole.MarkupLineInterpolated($"{SequenceName}: {report.Trackers[0].Sequences[0].Frames} frames, pytracking protocol, scores in %");
        var table = new Table();
        foreach (string column in new[] { "Tracker", "AUC", "Precision@20px", "FPS" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var t in report.Trackers.OrderByDescending(t => t.Auc))
            table.AddRow(Markup.Escape(t.Tracker), Percent(t.Auc), Percent(t.Precision ?? double.NaN), t.Fps is { } f ? f.ToString("0.0", CultureInfo.InvariantCulture) : "-");
        AnsiConsole.Write(table);
        var written = ReportWriter.WriteAll(report, output);
        AnsiConsole.MarkupLineInterpolated($"boxes: {results}/<tracker>/{SequenceName}.txt (one x,y,w,h line per frame)");
        AnsiConsole.MarkupLineInterpolated($"video: {video} (white: ground truth)");
        foreach (string path in written)
            AnsiConsole.MarkupLineInterpolated($"report: {path}");
    }

    private static void ShowUnscored(IReadOnlyList<TrackerSpec> specs, IReadOnlyList<SideBySideRun.TrackerTrack> tracks, string results, string name, string video)
    {
        AnsiConsole.MarkupLineInterpolated($"{name}: {tracks[0].Boxes.Count} frames, no ground truth (no scores)");
        var table = new Table();
        foreach (string column in new[] { "Tracker", "FPS", "Mean confidence" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var t in tracks)
            table.AddRow(Markup.Escape(t.Name), t.FramesPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                t.Confidences.Count > 0 ? t.Confidences.Average().ToString("0.000", CultureInfo.InvariantCulture) : "-");
        AnsiConsole.Write(table);
        foreach (var spec in specs)
            AnsiConsole.MarkupLineInterpolated($"boxes: {RawResultLayout.FlatResultPath(Path.Combine(results, spec.ResultName), name)}");
        AnsiConsole.MarkupLineInterpolated($"video: {video}");
    }

    /// <summary>Result file name for the user's input: the file or folder name, or "camera-N" / "stream".</summary>
    private static string ResultName(string input)
    {
        string trimmed = input.TrimEnd('/', '\\');
        string name = File.Exists(trimmed) || Directory.Exists(trimmed) ? Path.GetFileNameWithoutExtension(trimmed)
            : int.TryParse(trimmed, out int camera) ? $"camera-{camera}" : "stream";
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return safe.Length == 0 ? "input" : safe;
    }

    private static string Percent(double value) => double.IsFinite(value) ? (100 * value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
