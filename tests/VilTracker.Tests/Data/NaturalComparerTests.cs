using VilTracker.Data;

namespace VilTracker.Tests.Data;

/// <summary>Natural ordering of frame file names.</summary>
public class NaturalComparerTests
{
    [Fact]
    public void NumbersCompareByValue()
    {
        string[] names = ["10.jpg", "2.jpg", "1.jpg", "100.jpg", "0.jpg", "11.jpg"];
        Assert.Equal(["0.jpg", "1.jpg", "2.jpg", "10.jpg", "11.jpg", "100.jpg"], names.Order(NaturalComparer.Instance));
    }

    [Fact]
    public void ZeroPaddedNamesKeepTheirOrder()
    {
        string[] names = ["img0000010.jpg", "img0000002.jpg", "img0000001.jpg"];
        Assert.Equal(["img0000001.jpg", "img0000002.jpg", "img0000010.jpg"], names.Order(NaturalComparer.Instance));
    }

    [Fact]
    public void TextThenNumberSegments()
    {
        string[] names = ["car10", "car1_s", "car2", "bird1", "car1"];
        Assert.Equal(["bird1", "car1", "car1_s", "car2", "car10"], names.Order(NaturalComparer.Instance));
    }
}
