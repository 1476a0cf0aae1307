using System.Text.Json;
using VilTracker.Cli.Commands;
using VilTracker.Model;

namespace VilTracker.Tests.Cli;

/// <summary>
/// <c>viltrack summary --json</c> for every preset: the keys a deployment script reads, a parameter breakdown that adds
/// up to the model's own count, and every preset within the limits (50 M parameters, 500 MB fp16, 20 GMACs).
/// </summary>
public sealed class SummaryCommandTests
{
    [Theory]
    [InlineData("uav-small")]
    [InlineData("vil-t")]
    [InlineData("vil-s")]
    public void JsonReportHasTheKeysAPartitionOfTheParametersAndPassesTheLimits(string preset)
    {
        using var json = JsonDocument.Parse(RunJson("--preset", preset, "--json", "--repeats", "1"));
        var root = json.RootElement;

        long parameters = root.GetProperty("params").GetInt64();
        using (var model = new TrackerModel(TrackerPresets.Get(preset)))
            Assert.Equal(model.parameters().Sum(p => p.numel()), parameters);
        Assert.Equal(parameters, root.GetProperty("params_by_component").EnumerateObject().Sum(c => c.Value.GetInt64()));

        // fp16 on disk: two bytes per parameter plus the safetensors header.
        long fp16 = root.GetProperty("fp16_bytes").GetInt64();
        Assert.InRange(fp16, 2 * parameters, 2 * parameters + 1_000_000);
        long macs = root.GetProperty("macs").GetInt64();
        Assert.Equal(2 * macs, root.GetProperty("flops").GetInt64());
        Assert.Equal(macs, root.GetProperty("macs_by_kind").EnumerateObject().Sum(k => k.Value.GetInt64()));
        Assert.True(root.GetProperty("latency_ms").GetDouble() > 0);

        Assert.True(parameters <= 50_000_000, $"{preset}: {parameters} parameters");
        Assert.True(macs <= 20_000_000_000, $"{preset}: {macs} MACs");
        Assert.True(fp16 <= 500_000_000, $"{preset}: {fp16} bytes");
        Assert.True(root.GetProperty("pass").GetBoolean());
    }

    [Fact]
    public void UnknownPresetFails() => Assert.Equal(1, SummaryCommand.Create().Parse(["--preset", "vil-xl"]).Invoke());

    /// <summary>Runs the verb and returns what it printed to standard output.</summary>
    private static string RunJson(params string[] args)
    {
        var previous = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            Assert.Equal(0, SummaryCommand.Create().Parse(args).Invoke());
        }
        finally
        {
            Console.SetOut(previous);
        }
        return captured.ToString();
    }
}
