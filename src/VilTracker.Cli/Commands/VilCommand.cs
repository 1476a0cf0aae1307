using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using VilTracker.IO;
using VilTracker.Vil;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack vil forward</c>: runs the official-compatible ViL backbone on <c>input.x</c> of a safetensors file and
/// writes <c>output.features</c> and <c>output.logits</c>.
/// </summary>
public static class VilCommand
{
    /// <summary>Builds the <c>vil</c> verb with its <c>forward</c> sub-verb.</summary>
    public static Command Create()
    {
        var weights = new Option<string>("--weights") { Description = "safetensors weights by official VisionLSTM2 names; its metadata 'config' holds the constructor arguments as JSON.", Required = true };
        var input = new Option<string>("--input") { Description = "safetensors file with 'input.x' (B, C, H, W), float32 or float64 (the run uses that dtype).", Required = true };
        var output = new Option<string>("--out") { Description = "safetensors file to write with 'output.features' (B, N, D) and 'output.logits'.", Required = true };
        var config = new Option<string?>("--config") { Description = "JSON file with the VisionLSTM2 constructor arguments, overriding the weights' metadata." };

        var forward = new Command("forward", "Run the ViL on input.x and write the final-normed token features and the model output.");
        foreach (var option in new Option[] { weights, input, output, config })
            forward.Options.Add(option);
        forward.SetAction(parse => Forward(parse.GetValue(weights)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(config)));

        var vil = new Command("vil", "Vision-LSTM (ViL) backbone tools.");
        vil.Subcommands.Add(forward);
        return vil;
    }

    /// <summary>Runs the forward pass; returns the exit code (0 success, 1 bad input).</summary>
    public static int Forward(string weights, string input, string output, string? config)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            var used = VilForwardRunner.Run(weights, input, output, config);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]wrote[/] {output} (dim {used.Dim}, depth {used.Depth}, input {string.Join("x", used.InputShape)}, patch {used.PatchSize}) in {watch.Elapsed.TotalSeconds:F2} s");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or VilWeightsException or SafeTensorsFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 1;
        }
    }
}
