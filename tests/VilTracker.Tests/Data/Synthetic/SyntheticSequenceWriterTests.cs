using SkiaSharp;
using VilTracker.Data;
using VilTracker.Data.Synthetic;
using VilTracker.Tests.Data;

namespace VilTracker.Tests.Data.Synthetic;

/// <summary>The sequence folder written by <see cref="SyntheticSequenceWriter"/>, read back with the project's readers.</summary>
public sealed class SyntheticSequenceWriterTests
{
    [Fact]
    public void A_written_sequence_reads_back_through_the_generic_dataset_reader()
    {
        using var temp = new TempFolder();
        var generator = new SyntheticSequenceGenerator(SyntheticTestOptions.Tiny, 77);
        var written = SyntheticSequenceWriter.Write(generator, temp.Path, "synth-77");
        var expected = generator.Frames().ToArray();

        Assert.Equal(DatasetFormats.Generic, DatasetFormats.Detect(temp.Path)); // format auto-detection sees real-data layout
        var read = DatasetFormats.Open(temp.Path).Load("synth-77");
        Assert.Equal(expected.Select(f => f.TargetBox), read.GroundTruth);
        Assert.Equal(written.GroundTruth, read.GroundTruth);
        Assert.Equal(written.FramePaths, read.FramePaths);
        Assert.Equal(40, read.FramePaths.Count);
        Assert.EndsWith(Path.Combine("synth-77", "img", "000001.jpg"), read.FramePaths[0]);

        var visible = VisibilityLabels.ReadPerLine(Path.Combine(temp.Path, "synth-77", SyntheticSequenceWriter.VisibilityFileName));
        Assert.Equal(expected.Select(f => f.TargetVisible ? 1 : 0), visible);
        Assert.Contains(0, visible);
        Assert.Equal(expected.Select(f => f.TargetVisible), written.TargetVisible!);

        // The JPEGs decode to the rendered frames (up to compression error).
        foreach (int i in new[] { 0, 39 })
        {
            using var bitmap = SKBitmap.Decode(read.FramePaths[i]);
            Assert.Equal((192, 128), (bitmap.Width, bitmap.Height));
            double error = 0;
            for (int y = 0; y < 128; y++)
                for (int x = 0; x < 192; x++)
                {
                    var c = bitmap.GetPixel(x, y);
                    int o = (y * 192 + x) * 3;
                    error += Math.Abs(c.Red - expected[i].Image.Rgb[o]) + Math.Abs(c.Green - expected[i].Image.Rgb[o + 1]) + Math.Abs(c.Blue - expected[i].Image.Rgb[o + 2]);
                }
            Assert.InRange(error / (192 * 128 * 3), 0, 8);
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "synth-77"), "*.tmp", SearchOption.AllDirectories));
        Assert.Contains("seed=77", File.ReadAllText(Path.Combine(temp.Path, "synth-77", SyntheticSequenceWriter.DescriptionFileName)));
    }

    [Fact]
    public void An_existing_folder_is_kept_unless_overwrite_is_asked_and_then_replaced_whole()
    {
        using var temp = new TempFolder();
        var options = SyntheticTestOptions.Tiny with { Occlusion = false };
        SyntheticSequenceWriter.Write(new SyntheticSequenceGenerator(options with { FrameCount = 6 }, 1), temp.Path, "s");
        var shorter = new SyntheticSequenceGenerator(options with { FrameCount = 3 }, 2);
        var error = Assert.Throws<IOException>(() => SyntheticSequenceWriter.Write(shorter, temp.Path, "s"));
        Assert.Contains("overwrite", error.Message);

        SyntheticSequenceWriter.Write(shorter, temp.Path, "s", overwrite: true);
        var read = new GenericFolderDataset(Path.Combine(temp.Path, "s")).Load("s");
        Assert.Equal(3, read.FramePaths.Count);
        Assert.Equal(shorter.Frames().Select(f => f.TargetBox), read.GroundTruth);
    }

    [Theory]
    [InlineData("", 90)]
    [InlineData("..", 90)]
    [InlineData("a/b", 90)]
    [InlineData("ok", 0)]
    [InlineData("ok", 101)]
    public void Bad_names_and_qualities_are_rejected(string name, int quality)
    {
        using var temp = new TempFolder();
        var generator = new SyntheticSequenceGenerator(SyntheticTestOptions.Tiny with { Occlusion = false, FrameCount = 2 }, 1);
        Assert.Throws<ArgumentException>(() => SyntheticSequenceWriter.Write(generator, temp.Path, name, quality));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
