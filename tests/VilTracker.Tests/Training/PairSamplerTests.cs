using CsCheck;
using VilTracker.Data;
using VilTracker.Training;
using VilTracker.Training.Sampling;

namespace VilTracker.Tests.Training;

public class PairSamplerTests
{
    private static readonly PairSamplingSettings Easy = new(MaxFrameGap: 5, CenterJitter: 0.5, ScaleJitter: 0.05);

    [Fact]
    public void SameSeedStepAndIndexGiveTheSameSampleAndOthersDiffer()
    {
        var config = TrainingFixtures.TinyModel;
        var a = TrainingFixtures.SyntheticSampler(config, seed: 11);
        var b = TrainingFixtures.SyntheticSampler(config, seed: 11);
        var first = a.Sample(3, 1, Easy);
        var again = b.Sample(3, 1, Easy);
        Assert.Equal((first.Sequence, first.TemplateFrame, first.SearchFrame, first.MemoryFrame), (again.Sequence, again.TemplateFrame, again.SearchFrame, again.MemoryFrame));
        Assert.Equal(first.Target, again.Target);
        Assert.Equal(first.Search.Rgb, again.Search.Rgb);
        Assert.Equal(first.Template.Rgb, again.Template.Rgb);
        Assert.Equal(first.Memory.Rgb, again.Memory.Rgb);
        // Drawing other samples in between (as another loader thread would) changes nothing: no hidden state.
        a.Sample(0, 0, Easy);
        Assert.Equal(first.Search.Rgb, a.Sample(3, 1, Easy).Search.Rgb);
        var other = new[] { a.Sample(3, 2, Easy), a.Sample(4, 1, Easy), TrainingFixtures.SyntheticSampler(config, seed: 12).Sample(3, 1, Easy) };
        Assert.All(other, o => Assert.NotEqual(first.Search.Rgb, o.Search.Rgb));
    }

    [Fact]
    public void CropsHaveTheModelSizesAndFramesAreUsable()
    {
        var config = TrainingFixtures.TinyModel;
        var sampler = TrainingFixtures.SyntheticSampler(config, seed: 5);
        for (int i = 0; i < 6; i++)
        {
            var s = sampler.Sample(0, i, new PairSamplingSettings(30, 3, 0.25));
            Assert.Equal((64, 64), (s.Template.Width, s.Template.Height));
            Assert.Equal((64, 64), (s.Memory.Width, s.Memory.Height));
            Assert.Equal((128, 128), (s.Search.Width, s.Search.Height));
            Assert.True(Math.Abs(s.SearchFrame - s.TemplateFrame) <= 30);
            Assert.InRange(s.MemoryFrame, Math.Min(s.TemplateFrame, s.SearchFrame), Math.Max(s.TemplateFrame, s.SearchFrame));
            Assert.True(s.Target.W > 0 && s.Target.H > 0 && double.IsFinite(s.Target.Cx));
        }
    }

    [Fact]
    public void PickedFramesRespectTheGapAndPutTheMemoryBetween()
    {
        var gen = Gen.Int[0, 300].HashSet[1, 60].Select(Gen.Int[0, 40], Gen.Int);
        gen.Sample((frames, gap, seed) =>
        {
            var sorted = frames.OrderBy(f => f).ToArray();
            var (t, s, m) = PairSampler.PickFrames(sorted, gap, new Random(seed));
            Assert.Contains(t, sorted);
            Assert.Contains(s, sorted);
            Assert.Contains(m, sorted);
            Assert.True(Math.Abs(s - t) <= gap, $"gap {Math.Abs(s - t)} > {gap}");
            Assert.InRange(m, Math.Min(t, s), Math.Max(t, s));
        }, iter: 300);
    }

    [Fact]
    public void WithoutJitterTheTargetSitsAtTheCropCentre()
    {
        // OSTrack's training target convention: centre (S − 1)/2 / S, size = box · resize factor / S, exactly.
        var config = TrainingFixtures.TinyModel;
        var sampler = TrainingFixtures.SyntheticSampler(config, seed: 3, augmentation: PhotometricAugmentation.None);
        var s = sampler.Sample(0, 0, new PairSamplingSettings(10, 0, 0));
        double centre = (config.SearchSize - 1) / 2.0 / config.SearchSize;
        Assert.Equal(centre, s.Target.Cx, 12);
        Assert.Equal(centre, s.Target.Cy, 12);
        // Search factor 4 around a w x h box: crop side ceil(4·sqrt(wh)), so w·h in the crop is about 1/16 of it.
        Assert.InRange(s.Target.W * s.Target.H, 1 / 16.0 * 0.95, 1 / 16.0 * 1.0001);
    }

    [Fact]
    public void RealSequencesSampleAndAnUndecodableFrameIsNamed()
    {
        var dataset = DatasetFormats.Open(SharedData.PathOf("data", "sot-dev"));
        var sequences = dataset.SequenceNames.Take(2).Select(n => (ITrainingSequence)new DatasetTrainingSequence(dataset.Load(n))).ToArray();
        var config = TrainingFixtures.TinyModel;
        var sampler = new PairSampler([new TrainingSource("sot-dev", sequences)], CropSettings.For(config), new PhotometricAugmentation(), 1);
        var sample = sampler.Sample(0, 0, Easy);
        Assert.Equal(128, sample.Search.Width);

        using var temp = new Data.TempFolder();
        temp.WriteFrames("seq/img", 1, 3, i => $"{i:D4}.jpg");   // empty files: not decodable
        var broken = new DatasetTrainingSequence(new Sequence("seq", "generic",
            Enumerable.Range(1, 3).Select(i => Path.Combine(temp.Path, "seq", "img", $"{i:D4}.jpg")).ToArray(),
            Enumerable.Repeat(new Geometry.Box(1, 1, 10, 10), 3).ToArray()));
        var bad = new PairSampler([new TrainingSource("broken", [broken])], CropSettings.For(config), PhotometricAugmentation.None, 1);
        var error = Assert.Throws<InvalidDataException>(() => bad.Sample(0, 0, Easy));
        Assert.Contains(Path.Combine(temp.Path, "seq", "img"), error.Message);
    }

    [Fact]
    public void ASourceWithoutUsableFramesIsRejectedWithItsName()
    {
        var sequence = new DatasetTrainingSequence(new Sequence("empty", "generic", ["a.jpg"], [Geometry.Box.NaN]));
        var error = Assert.Throws<ArgumentException>(() =>
            new PairSampler([new TrainingSource("nan-only", [sequence])], CropSettings.For(TrainingFixtures.TinyModel), PhotometricAugmentation.None, 1));
        Assert.Contains("nan-only", error.Message);
    }
}
