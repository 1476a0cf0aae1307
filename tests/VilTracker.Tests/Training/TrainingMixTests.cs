using VilTracker.Training.Sampling;

namespace VilTracker.Tests.Training;

public class TrainingMixTests
{
    [Theory]
    [InlineData("/data/sot", "/data/sot", null, 1.0)]
    [InlineData("/data/sot:otb", "/data/sot", "otb", 1.0)]
    [InlineData("/data/sot@2.5", "/data/sot", null, 2.5)]
    [InlineData("/data/sot:LaSOT@0.5", "/data/sot", "lasot", 0.5)]
    [InlineData("/data/a:b", "/data/a:b", null, 1.0)]
    public void DataSpecificationsSplitIntoPathFormatAndWeight(string spec, string path, string? format, double weight) =>
        Assert.Equal((path, format, weight), TrainingMix.ParseData(spec));

    [Fact]
    public void SyntheticSpecificationsAndBadWeights()
    {
        Assert.Equal((8, 1.0), TrainingMix.ParseSynthetic("8"));
        Assert.Equal((3, 0.25), TrainingMix.ParseSynthetic("3@0.25"));
        Assert.Throws<ArgumentException>(() => TrainingMix.ParseSynthetic("0"));
        Assert.Throws<ArgumentException>(() => TrainingMix.ParseSynthetic("4@-1"));
        Assert.Contains("weight", Assert.Throws<ArgumentException>(() => TrainingMix.ParseData("/x@zero")).Message);
    }

    [Fact]
    public void HeldOutSequencesAreLeftOut()
    {
        string root = SharedData.PathOf("data", "sot-dev");
        var all = TrainingMix.Build([root], [], new HashSet<string>(), 1).Single();
        var some = TrainingMix.Build([root + "@3"], ["2@0.5"], new HashSet<string> { "Couple", "bag" }, 1);
        Assert.Equal(all.Sequences.Count - 2, some[0].Sequences.Count);
        Assert.DoesNotContain(some[0].Sequences, s => s.Name.EndsWith("/Couple") || s.Name.EndsWith("/bag"));
        Assert.Equal(3, some[0].Weight);
        Assert.Equal((2, 0.5), (some[1].Sequences.Count, some[1].Weight));
    }
}
