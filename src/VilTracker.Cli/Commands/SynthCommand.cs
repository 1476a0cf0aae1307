using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VilTracker.Data.Synthetic;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack synth</c>: writes a synthetic drone sequence folder (frames, <c>groundtruth.txt</c>, <c>visible.txt</c>)
/// from a seed, starting from the demo configuration, and/or times its generation.
/// </summary>
public static class SynthCommand
{
    /// <summary>Builds the <c>synth</c> verb.</summary>
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Folder that receives the sequence folder {out}/{name}/ (img/000001.jpg..., groundtruth.txt, visible.txt, synthetic.txt)." };
        var name = new Option<string>("--name") { Description = "Sequence folder name.", DefaultValueFactory = _ => "synthetic" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed and options give the same sequence.", DefaultValueFactory = _ => SyntheticSequenceOptions.DemoSeed };
        var frames = new Option<int?>("--frames") { Description = "Number of frames (demo: 300)." };
        var width = new Option<int?>("--width") { Description = "Frame width in pixels (demo: 640)." };
        var height = new Option<int?>("--height") { Description = "Frame height in pixels (demo: 360)." };
        var distractors = new Option<int?>("--distractors") { Description = "Number of look-alike distractors (demo: 1)." };
        var noOcclusion = new Option<bool>("--no-occlusion") { Description = "Leave out the occluding tree canopy." };
        var blur = new Option<double?>("--blur") { Description = "Motion blur, exposure fraction 0..1 (demo: 0.5)." };
        var speed = new Option<double?>("--speed") { Description = "Mean target speed in pixels per frame (demo: 2)." };
        var quality = new Option<int>("--quality") { Description = "JPEG quality 1..100.", DefaultValueFactory = _ => 90 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing sequence folder." };
        var time = new Option<bool>("--time") { Description = "Render every frame in memory first and print the generation time per frame." };

        var command = new Command("synth", "Generate a synthetic drone tracking sequence (no external data) as a sequence folder, or time its generation.");
        foreach (var option in new Option[] { output, name, seed, frames, width, height, distractors, noOcclusion, blur, speed, quality, overwrite, time })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var demo = SyntheticSequenceOptions.Demo;
            var options = demo with
            {
                FrameCount = parse.GetValue(frames) ?? demo.FrameCount,
                Width = parse.GetValue(width) ?? demo.Width,
                Height = parse.GetValue(height) ?? demo.Height,
                DistractorCount = parse.GetValue(distractors) ?? demo.DistractorCount,
                Occlusion = !parse.GetValue(noOcclusion),
                MotionBlur = parse.GetValue(blur) ?? demo.MotionBlur,
                TargetSpeed = parse.GetValue(speed) ?? demo.TargetSpeed,
            };
            return Run(options, parse.GetValue(seed), parse.GetValue(output), parse.GetValue(name)!, parse.GetValue(quality),
                parse.GetValue(overwrite), parse.GetValue(time));
        });
        return command;
    }

    /// <summary>Times and/or writes the sequence; returns the exit code (0 success, 1 bad input, 2 nothing to do).</summary>
    public static int Run(SyntheticSequenceOptions options, ulong seed, string? output, string name, int quality, bool overwrite, bool time)
    {
        if (output is null && !time)
        {
            AnsiConsole.MarkupLine("[red]error[/] give --out FOLDER to write the sequence, --time to time its generation, or both.");
            return 2;
        }
        try
        {
            var generator = new SyntheticSequenceGenerator(options, seed);
            if (time)
                Time(generator);
            if (output is not null)
            {
                var watch = Stopwatch.StartNew();
                var sequence = SyntheticSequenceWriter.Write(generator, output, name, quality, overwrite);
                int hidden = sequence.TargetVisible!.Count(v => !v);
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]wrote[/] {Path.Combine(Path.GetFullPath(output), name)}: {sequence.FramePaths.Count} frames of {options.Width}x{options.Height}, {hidden} fully occluded, in {watch.Elapsed.TotalSeconds:F1} s");
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Prints the one-off cost of the first frame (ground texture) and the per-frame rendering time. Each frame is
    /// rendered three times and its fastest run kept, so other processes on a busy machine inflate the figure less;
    /// the process CPU time per render is printed too.
    /// </summary>
    private static void Time(SyntheticSequenceGenerator generator)
    {
        const int repeats = 3;
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        generator.Render(0);
        double first = watch.Elapsed.TotalMilliseconds;
        var fastest = new double[generator.FrameCount];
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        for (int i = 0; i < fastest.Length; i++)
        {
            fastest[i] = double.MaxValue;
            for (int r = 0; r < repeats; r++)
            {
                var start = watch.Elapsed;
                generator.Render(i);
                fastest[i] = Math.Min(fastest[i], (watch.Elapsed - start).TotalMilliseconds);
            }
        }
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / (fastest.Length * repeats);
        Array.Sort(fastest);
        AnsiConsole.MarkupLineInterpolated(
            $"{generator.Options.Width}x{generator.Options.Height}, {fastest.Length} frames: first frame (ground texture + frame 0) {first:F1} ms; per frame (fastest of {repeats}) median {fastest[fastest.Length / 2]:F2} ms, 90th percentile {fastest[fastest.Length * 9 / 10]:F2} ms; process CPU {cpu:F2} ms per render");
    }
}
