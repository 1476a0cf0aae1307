using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using VilTracker.Model;
using VilTracker.Tracking;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack summary --preset NAME [--json]</c>: the constraint report of a model preset: parameters per component,
/// fp16 weight size on disk, executed MACs and FLOPs, forward latency, and pass/fail against the deployment limits.
/// </summary>
public static class SummaryCommand
{
    /// <summary>Builds the <c>summary</c> verb.</summary>
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = $"Model preset: {string.Join(", ", TrackerPresets.All.Keys)}.", DefaultValueFactory = _ => "uav-small" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (params, fp16_bytes, macs, flops, latency_ms, ...)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed forward passes (after 3 warm-up passes); the median is reported.", DefaultValueFactory = _ => 10 };
        var command = new Command("summary", "Constraint report of a model preset: parameters, fp16 size, MACs/FLOPs, latency, limits.");
        command.Options.Add(preset);
        command.Options.Add(json);
        command.Options.Add(repeats);
        command.SetAction(parse => Run(parse.GetValue(preset)!, parse.GetValue(json), parse.GetValue(repeats)));
        return command;
    }

    private static int Run(string presetName, bool asJson, int repeats)
    {
        TrackerModelConfig config;
        try
        {
            config = TrackerPresets.Get(presetName);
        }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 1;
        }
        if (repeats < 1)
        {
            AnsiConsole.MarkupLine("[red]error[/] --repeats must be at least 1.");
            return 1;
        }
        var tracking = new TrackerOptions();
        var report = ConstraintReporter.Measure(config, tracking.MlstmForm, tracking.MlstmChunkSize, repeats: repeats);
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new Table().Title($"[bold]{config.Preset}[/] ({report.Input})").AddColumn("component").AddColumn(new TableColumn("parameters").RightAligned());
        foreach (var (component, count) in report.ParamsByComponent)
            table.AddRow(component, $"{count:N0}");
        table.AddRow("[bold]total[/]", $"[bold]{report.Params:N0}[/]");
        AnsiConsole.Write(table);
        var limits = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("limit").AddColumn("");
        limits.AddRow("parameters", $"{report.Params / 1e6:F2} M", $"{ConstraintReport.MaxParams / 1e6:F0} M", Verdict(report.Params <= ConstraintReport.MaxParams));
        limits.AddRow("fp16 weights on disk", $"{report.Fp16Bytes / 1e6:F1} MB", $"{ConstraintReport.MaxFp16Bytes / 1e6:F0} MB", Verdict(report.Fp16Bytes <= ConstraintReport.MaxFp16Bytes));
        limits.AddRow("MACs per forward", $"{report.Macs / 1e9:F3} G", $"{ConstraintReport.MaxMacs / 1e9:F0} G", Verdict(report.Macs <= ConstraintReport.MaxMacs));
        limits.AddRow("FLOPs per forward", $"{report.Flops / 1e9:F3} G", "", "");
        limits.AddRow("latency float32 (median)", $"{report.LatencyMs:F1} ms ({report.Fps:F1} fps)", "", "");
        limits.AddRow("latency bfloat16 (median)", report.LatencyMsBf16 is { } bf16 ? $"{bf16:F1} ms" : report.Bf16Note ?? "n/a", "", "");
        limits.AddRow("achieved float32", $"{report.GflopsAchieved:F1} GFLOP/s", "", "");
        AnsiConsole.Write(limits);
        AnsiConsole.MarkupLineInterpolated($"MACs by kind: {string.Join(", ", report.MacsByKind.Select(kv => $"{kv.Key} {kv.Value / 1e6:F1} M"))}");
        AnsiConsole.MarkupLineInterpolated($"[grey]Not counted: {MacCounter.LeftOut}.[/]");
        AnsiConsole.MarkupLine(report.Pass ? "[green]PASS[/]: within every limit." : "[red]FAIL[/]: a limit is exceeded.");
        return 0;
    }

    private static string Verdict(bool ok) => ok ? "[green]pass[/]" : "[red]fail[/]";
}
