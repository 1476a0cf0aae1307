using VilTracker.Baselines.OpenCv;
using VilTracker.Baselines.Rendering;
using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Tests.Baselines;

/// <summary>Reading videos with OpenCV, opening inputs by kind, and rendering boxes into a video that reads back.</summary>
public sealed class VideoSourceAndRendererTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-video-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void BagVideoMatchesItsJpegFramesInRgbOrder()
    {
        using var video = VideoFrameSource.OpenFile(SharedData.PathOf("data", "videos", "bag.avi"));
        Assert.Equal(196, video.FrameCount);
        var first = video.ReadFrames(BadFramePolicy.Stop).First();
        var jpeg = ImageFile.Load(SharedData.PathOf("data", "sot-dev", "bag", "img", "000001.jpg"));

        Assert.Equal(0, first.Index);
        Assert.Equal((jpeg.Width, jpeg.Height), (first.Frame!.Width, first.Frame.Height));
        // Same picture, two lossy encodings: the channels must line up (a red/blue swap would differ far more).
        double same = MeanAbsoluteDifference(first.Frame.Rgb, jpeg.Rgb, swapRedBlue: false);
        double swapped = MeanAbsoluteDifference(first.Frame.Rgb, jpeg.Rgb, swapRedBlue: true);
        Assert.True(same < 8 && same < swapped / 2, $"mean |video - jpeg| = {same:F2}, with red/blue swapped {swapped:F2}");
    }

    [Fact]
    public void InputsOpenByKindAndUnknownInputsAreNamed()
    {
        using (var images = FrameSources.Open(SharedData.PathOf("data", "sot-dev", "bag", "img")))
            Assert.IsType<FolderFrameSource>(images);
        using (var video = FrameSources.Open(SharedData.PathOf("data", "videos", "bag.avi")))
            Assert.IsType<VideoFrameSource>(video);
        var missing = Path.Combine(folder, "missing.avi");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => FrameSources.Open(missing)).Message);
        var notVideo = Path.Combine(folder, "notes.avi");
        File.WriteAllText(notVideo, "not a video");
        Assert.Contains(notVideo, Assert.Throws<InvalidDataException>(() => FrameSources.Open(notVideo)).Message);
    }

    [Theory]
    [InlineData("out.avi")]
    [InlineData("out.mp4")]
    public void RenderedVideoHasEveryFrameAndTheBoxColour(string name)
    {
        var path = Path.Combine(folder, name);
        var grey = new Frame(160, 120, Enumerable.Repeat((byte)128, 160 * 120 * 3).ToArray());
        using (var renderer = new VideoRenderer(path, 160, 120, 10))
        {
            for (int i = 0; i < 7; i++)
                renderer.Write(grey, [new BoxOverlay(new Box(40, 40, 60, 50), "", 255, 0, 0)]);
            renderer.Finish();
        }

        Assert.Equal(new[] { name }, Directory.GetFiles(folder).Select(Path.GetFileName));
        using var back = VideoFrameSource.OpenFile(path);
        var frames = back.ReadFrames(BadFramePolicy.Stop).Select(f => f.Frame!).ToList();
        Assert.Equal(7, frames.Count);
        // The left edge of the box (x = 40, y = 60) is red; the centre (70, 65) stays grey.
        var edge = Pixel(frames[3], 40, 60);
        var centre = Pixel(frames[3], 70, 65);
        Assert.True(edge.R > 200 && edge.G < 60 && edge.B < 60, $"edge pixel {edge}");
        Assert.True(Math.Abs(centre.R - 128) < 12 && Math.Abs(centre.B - 128) < 12, $"centre pixel {centre}");
    }

    [Fact]
    public void UnfinishedRenderLeavesNoFileAndUnknownExtensionIsRefused()
    {
        var path = Path.Combine(folder, "never.avi");
        using (var renderer = new VideoRenderer(path, 32, 32, 5))
            renderer.Write(new Frame(32, 32, new byte[32 * 32 * 3]), []);
        Assert.Empty(Directory.GetFiles(folder));
        Assert.Throws<ArgumentException>(() => new VideoRenderer(Path.Combine(folder, "out.gif"), 32, 32, 5));
    }

    private static (int R, int G, int B) Pixel(Frame f, int x, int y)
    {
        int i = (y * f.Width + x) * 3;
        return (f.Rgb[i], f.Rgb[i + 1], f.Rgb[i + 2]);
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b, bool swapRedBlue)
    {
        long total = 0;
        for (int i = 0; i < a.Length; i += 3)
            for (int c = 0; c < 3; c++)
                total += Math.Abs(a[i + c] - b[i + (swapRedBlue ? 2 - c : c)]);
        return total / (double)a.Length;
    }
}
