using VilTracker.Evaluation;

namespace VilTracker.Tests.Evaluation;

/// <summary>Dataset names select the toolkits' dataset rules; protocol names parse.</summary>
public class BenchmarkKindsTests
{
    [Theory]
    [InlineData("lasot", BenchmarkKind.Lasot)]
    [InlineData("LaSOT", BenchmarkKind.Lasot)]
    [InlineData("lasot_extension_subset", BenchmarkKind.Other)] // pytracking compares dataset == 'lasot'
    [InlineData("uav123", BenchmarkKind.Uav)]
    [InlineData("UAV123@10fps", BenchmarkKind.Uav)]
    [InlineData("uav20l", BenchmarkKind.Uav)]
    [InlineData("got10k", BenchmarkKind.Got10k)]
    [InlineData("got-10k", BenchmarkKind.Got10k)]
    [InlineData("otb", BenchmarkKind.Other)]
    [InlineData("dtb70", BenchmarkKind.Other)]
    [InlineData("generic", BenchmarkKind.Other)]
    public void MapsDatasetNames(string dataset, BenchmarkKind expected) =>
        Assert.Equal(expected, BenchmarkKinds.FromDatasetName(dataset));

    [Fact]
    public void ParsesProtocolNamesAndRejectsOthers()
    {
        Assert.Equal(EvaluationProtocol.Pytracking, EvaluationProtocols.Parse("pytracking"));
        Assert.Equal(EvaluationProtocol.Pysot, EvaluationProtocols.Parse("PySOT"));
        Assert.Equal(EvaluationProtocol.Got10k, EvaluationProtocols.Parse("got-10k"));
        var e = Assert.Throws<ArgumentException>(() => EvaluationProtocols.Parse("vot"));
        Assert.Contains("pytracking", e.Message);
        Assert.Equal("got10k", EvaluationProtocol.Got10k.Name());
    }
}
