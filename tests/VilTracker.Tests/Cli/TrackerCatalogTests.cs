using VilTracker.Cli;

namespace VilTracker.Tests.Cli;

public sealed class TrackerCatalogTests
{
    [Fact]
    public void EveryNameCreatesATrackerOfThatName()
    {
        Assert.Equal(new[] { "csrt", "kcf", "mil", "nanotrack-v2", "nanotrack-v3" }, TrackerCatalog.Names);
        foreach (var name in TrackerCatalog.Names)
        {
            using var tracker = TrackerCatalog.Create(name.ToUpperInvariant(), SharedData.PathOf("models", "nanotrack"));
            Assert.Equal(name, tracker.Name);
        }
    }

    [Fact]
    public void UnknownNameListsTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TrackerCatalog.Create("siamrpn"));
        Assert.Contains("'siamrpn'", error.Message);
        Assert.Contains("csrt, kcf, mil, nanotrack-v2, nanotrack-v3", error.Message);
    }
}
