using System.CommandLine;

namespace VilTracker.Cli.Commands;

/// <summary>Every top-level verb of <c>viltrack</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return TrackCommand.Create();
        yield return EvalCommand.Create();
        yield return SummaryCommand.Create();
        yield return VilCommand.Create();
        yield return SynthCommand.Create();
        yield return TrainCommand.Create();
        yield return LabelCommand.Create();
    }
}
