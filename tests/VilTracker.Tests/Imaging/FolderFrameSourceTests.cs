using SkiaSharp;
using VilTracker.Imaging;

namespace VilTracker.Tests.Imaging;

public sealed class FolderFrameSourceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-folder-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void FramesComeInNaturalOrderWithIndexPathAndCount()
    {
        foreach (var n in new[] { 10, 2, 1 })
            ImageFileTests.WritePng(Path.Combine(folder, $"{n}.png"), 2, 2, (_, _) => new SKColor((byte)n, 0, 0));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");

        using var source = new FolderFrameSource(folder);
        var frames = source.ReadFrames(BadFramePolicy.Stop).ToList();

        Assert.Equal(3, source.FrameCount);
        Assert.Equal(new[] { 0, 1, 2 }, frames.Select(f => f.Index));
        Assert.Equal(new byte[] { 1, 2, 10 }, frames.Select(f => f.Frame!.Rgb[0]));
        Assert.Equal(Path.Combine(folder, "10.png"), frames[2].Path);
    }

    [Fact]
    public void BadFrameStopsWithItsIndexAndPathOrIsSkipped()
    {
        ImageFileTests.WritePng(Path.Combine(folder, "1.png"), 2, 2, (_, _) => SKColors.Red);
        File.WriteAllText(Path.Combine(folder, "2.png"), "corrupt");
        ImageFileTests.WritePng(Path.Combine(folder, "3.png"), 2, 2, (_, _) => SKColors.Blue);
        using var source = new FolderFrameSource(folder);

        var error = Assert.Throws<BadFrameException>(() => source.ReadFrames(BadFramePolicy.Stop).ToList());
        Assert.Equal(1, error.Index);
        Assert.Equal(Path.Combine(folder, "2.png"), error.FramePath);
        Assert.Contains("2.png", error.Message);

        var skipped = new List<SourceFrame>();
        var good = source.ReadFrames(BadFramePolicy.Skip, skipped.Add).ToList();
        Assert.Equal(new[] { 0, 2 }, good.Select(f => f.Index));
        Assert.Equal(1, Assert.Single(skipped).Index);
        Assert.IsType<InvalidDataException>(skipped[0].Error);
    }

    [Fact]
    public void MissingOrEmptyFolderIsNamed()
    {
        var missing = Path.Combine(folder, "missing");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => new FolderFrameSource(missing)).Message);
        Assert.Contains(folder, Assert.Throws<InvalidDataException>(() => new FolderFrameSource(folder)).Message);
    }
}
