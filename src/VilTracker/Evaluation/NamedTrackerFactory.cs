using VilTracker.Tracking;

namespace VilTracker.Evaluation;

/// <summary>
/// A tracker the benchmark runner can instantiate as often as it needs: one fresh instance per sequence, so runs
/// never share state and parallel workers never share an instance.
/// </summary>
/// <param name="Name">Result folder name (<c>&lt;out&gt;/&lt;Name&gt;/&lt;sequence&gt;.txt</c>) and the name in reports.</param>
/// <param name="Create">Makes a new, uninitialised tracker; the runner disposes it after the sequence.</param>
public sealed record NamedTrackerFactory(string Name, Func<ITracker> Create);
