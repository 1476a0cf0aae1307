using VilTracker.Cli.Commands;
using VilTracker.Data;
using VilTracker.Data.Synthetic;
using VilTracker.Tests.Data;

namespace VilTracker.Tests.Data.Synthetic;

/// <summary><c>viltrack synth</c>: exit codes and the folder it writes.</summary>
public sealed class SynthCommandTests
{
    [Fact]
    public void Writes_a_readable_sequence_folder_and_reports_bad_input_with_exit_codes()
    {
        using var temp = new TempFolder();
        var options = SyntheticTestOptions.Tiny with { FrameCount = 8, Occlusion = false };
        Assert.Equal(0, SynthCommand.Run(options, 3, temp.Path, "cli", 85, overwrite: false, time: true));
        var read = new GenericFolderDataset(temp.Path).Load("cli");
        Assert.Equal(new SyntheticSequenceGenerator(options, 3).Frames().Select(f => f.TargetBox), read.GroundTruth);

        Assert.Equal(1, SynthCommand.Run(options, 3, temp.Path, "cli", 85, overwrite: false, time: false)); // exists
        Assert.Equal(1, SynthCommand.Run(options with { Width = 10 }, 3, temp.Path, "other", 85, overwrite: false, time: false));
        Assert.Equal(2, SynthCommand.Run(options, 3, null, "x", 85, overwrite: false, time: false));
    }

    [Fact]
    public void The_command_line_parses_into_the_demo_based_options()
    {
        using var temp = new TempFolder();
        var root = new System.CommandLine.RootCommand { SynthCommand.Create() };
        int code = root.Parse(["synth", "--out", temp.Path, "--name", "p", "--frames", "3", "--no-occlusion", "--distractors", "0", "--blur", "0"]).Invoke();
        Assert.Equal(0, code);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(temp.Path, "p", "groundtruth.txt")).Length);
        string description = File.ReadAllText(Path.Combine(temp.Path, "p", SyntheticSequenceWriter.DescriptionFileName));
        Assert.Contains("FrameCount = 3,", description);
        Assert.Contains("Occlusion = False", description);
        Assert.Contains("Width = 640", description);
    }
}
