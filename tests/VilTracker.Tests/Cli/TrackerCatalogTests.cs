using VilTracker.Cli;

namespace VilTracker.Tests.Cli;

public sealed class TrackerCatalogTests
{
    [Fact]
    public void EveryNameCreatesATrackerOfThatName()
    {
        Assert.Equal(new[] { "csrt", "kcf", "mil", "nanotrack-v2", "nanotrack-v3", "vil" }, TrackerCatalog.Names);
        foreach (var name in TrackerCatalog.Names) // vil without weights: the bundled model
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

    [Fact]
    public void SpecsAreNameOrNameColonArgument()
    {
        Assert.Equal(new TrackerSpec("nanotrack-v3", null), TrackerCatalog.Parse(" NanoTrack-V3 "));
        Assert.Equal("csrt", TrackerCatalog.Parse("csrt").ResultName);
        Assert.Equal("vil-best", new TrackerSpec("vil", "/w/best.safetensors").ResultName);
        var error = Assert.Throws<ArgumentException>(() => TrackerCatalog.Parse("kcf:weights.bin"));
        Assert.Contains("takes no argument", error.Message);
        Assert.Contains("csrt, kcf", Assert.Throws<ArgumentException>(() => TrackerCatalog.Parse("vit:x")).Message);
        Assert.Equal(new TrackerSpec("vil", null), TrackerCatalog.Parse("vil")); // the bundled default model
        Assert.Equal(new TrackerSpec("vil", null), TrackerCatalog.Parse("vil: "));
        Assert.Equal(new TrackerSpec("vil", "runs/a/model"), TrackerCatalog.Parse("vil:runs/a/model"));
    }
}
