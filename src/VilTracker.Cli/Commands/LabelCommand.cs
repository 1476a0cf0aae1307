using System.CommandLine;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using Spectre.Console;
using VilTracker.Baselines.OpenCv;
using VilTracker.Imaging;
using VilTracker.Tracking;
using VilTracker.Vil;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack label</c>: labels an unlabelled video with a teacher tracker (NanoTrack by default) from one initial
/// box and writes the confidently tracked frames as a generic-layout sequence for <c>viltrack train --data</c>.
/// </summary>
public static class LabelCommand
{
    /// <summary>Builds the <c>label</c> verb.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Video file or image folder to label.", Required = true };
        var init = new Option<string>("--init") { Description = "The target's box on the first frame: x,y,w,h in pixels.", Required = true };
        var teacher = new Option<string>("--teacher") { Description = $"Tracker that labels the frames: {string.Join(", ", TrackerCatalog.Names)}.", DefaultValueFactory = _ => "nanotrack-v3" };
        var output = new Option<string>("--out") { Description = "Folder that receives the sequence folder {out}/{name}/ (img/, groundtruth.txt).", Required = true };
        var name = new Option<string?>("--name") { Description = "Sequence folder name (default: the input's file name)." };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Lowest teacher confidence of a labelled frame.", DefaultValueFactory = _ => 0.5 };
        var patience = new Option<int>("--patience") { Description = "Consecutive frames below --min-confidence that end the sequence.", DefaultValueFactory = _ => 3 };
        var maxFrames = new Option<int?>("--max-frames") { Description = "Most frames to write." };
        var models = new Option<string?>("--nanotrack-models") { Description = "Folder with the NanoTrack ONNX models (default ../shared/models/nanotrack)." };

        var command = new Command("label", "Label a video with a teacher tracker (pseudo ground truth) and write it as a training sequence.");
        foreach (var option in new Option[] { input, init, teacher, output, name, minConfidence, patience, maxFrames, models })
            command.Options.Add(option);
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(init)!, parse.GetValue(teacher)!, parse.GetValue(output)!,
            parse.GetValue(name), new TeacherLabelling.Settings(parse.GetValue(minConfidence), parse.GetValue(patience), parse.GetValue(maxFrames) ?? int.MaxValue),
            parse.GetValue(models)));
        return command;
    }

    /// <summary>Labels and writes the sequence; returns the exit code (0 success, 1 bad input or data).</summary>
    public static int Run(string input, string initText, string teacherSpec, string output, string? name, TeacherLabelling.Settings settings, string? nanoTrackModels)
    {
        try
        {
            var init = InitBox.Parse(initText);
            using var teacher = TrackerCatalog.Create(teacherSpec, nanoTrackModels);
            using var source = FrameSources.Open(input);
            string sequenceName = name ?? Path.GetFileNameWithoutExtension(input.TrimEnd('/', '\\'));
            var sequence = TeacherLabelling.Write(source, teacher, init, output, sequenceName, settings);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]{sequence.FramePaths.Count}[/] frames labelled by {teacher.Name} (of {source.FrameCount?.ToString() ?? "?"}) -> {Path.GetFullPath(Path.Combine(output, sequenceName))}");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or BadFrameException or VilWeightsException
                                      or UnauthorizedAccessException or OpenCVException or OnnxRuntimeException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]viltrack label:[/] {e.Message}");
            return 1;
        }
    }
}
