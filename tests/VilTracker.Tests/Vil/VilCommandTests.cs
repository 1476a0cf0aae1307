using TorchSharp;
using VilTracker.Cli.Commands;
using VilTracker.IO;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>The <c>viltrack vil forward</c> verb: parses its options, writes the outputs, and fails cleanly.</summary>
public sealed class VilCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vil-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ForwardVerbWritesTheFixtureLogits()
    {
        using var scope = NewDisposeScope();
        var fixture = VilFixtures.PathOf("vil_small_A.safetensors");
        var output = Path.Combine(folder, "out.safetensors");
        var exit = VilCommand.Create().Parse(["forward", "--weights", fixture, "--input", fixture, "--out", output]).Invoke();
        Assert.Equal(0, exit);
        using var expected = SafeTensorsFile.Open(fixture);
        using var actual = SafeTensorsFile.Open(output);
        VilFixtures.AssertClose(expected.Load("output.logits"), actual.Load("output.logits"), 2e-5, "output.logits");
    }

    [Fact]
    public void ForwardVerbReturnsOneForAMissingWeightsFile()
    {
        var fixture = VilFixtures.PathOf("vil_small_A.safetensors");
        var output = Path.Combine(folder, "out.safetensors");
        var exit = VilCommand.Forward(Path.Combine(folder, "missing.safetensors"), fixture, output, null);
        Assert.Equal(1, exit);
        Assert.False(File.Exists(output));
    }
}
