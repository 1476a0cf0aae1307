using VilTracker.Data;

namespace VilTracker.Tests.Data;

/// <summary>Frame-range tables: toolkit configSeqs.m entries and tab-separated files.</summary>
public class FrameRangeTests
{
    [Fact]
    public void ReadsToolkitMatlabEntries()
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("configSeqs.m", """
            function seqs=configSeqs
            seqs={struct('name','tree4_1','path','D:\data\data_seq\UAV123\tree4\','startFrame',1,'endFrame',40,'nz',6,'ext','jpg','init_rect',[0,0,0,0]),...
                struct('name','tree4_2','path','D:\data\data_seq\UAV123\tree4\','startFrame',51,'endFrame',90,'nz',6,'ext','jpg','init_rect',[0,0,0,0]),...
                struct('name','Runner-2','path',[seqPath 'Runner\img\'],'startFrame',3,'endFrame',9,'nz',4,'ext','jpg','init_rect',[0,0,0,0])};
            """);
        var ranges = FrameRange.ReadFile(path);
        Assert.Equal(new FrameRange("tree4_1", "tree4", 1, 40), ranges["tree4_1"]);
        Assert.Equal(new FrameRange("tree4_2", "tree4", 51, 90), ranges["tree4_2"]);
        Assert.Equal(new FrameRange("Runner-2", "Runner", 3, 9), ranges["Runner-2"]);
        Assert.Equal(7, ranges["Runner-2"].Count);
    }

    [Fact]
    public void ReadsTabSeparatedTableWithHeaderAndComments()
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("frame_ranges.tsv", "name\tfolder\tstart\tend\n# split of tree4\ntree4_2\ttree4\t51\t90\n\n");
        Assert.Equal(new FrameRange("tree4_2", "tree4", 51, 90), Assert.Single(FrameRange.ReadFile(path)).Value);
    }

    [Theory]
    [InlineData("name\tfolder\tstart\tend\ntree4_2\ttree4\tfifty\t90\n", "line 2")]
    [InlineData("tree4_2\ttree4\t90\t51\n", "empty")]
    [InlineData("a\tx\t1\t2\na\tx\t3\t4\n", "twice")]
    public void MalformedTableIsAnErrorNamingTheLine(string text, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.WriteText("frame_ranges.tsv", text);
        var error = Assert.Throws<InvalidDataException>(() => FrameRange.ReadFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SelectTakesTheInclusiveOneBasedRange()
    {
        string[] frames = Enumerable.Range(1, 10).Select(i => $"{i}.jpg").ToArray();
        Assert.Equal(["3.jpg", "4.jpg", "5.jpg"], new FrameRange("s", "f", 3, 5).Select(frames));
        var error = Assert.Throws<InvalidDataException>(() => new FrameRange("s", "f", 8, 11).Select(frames));
        Assert.Contains("10 images", error.Message);
    }
}
