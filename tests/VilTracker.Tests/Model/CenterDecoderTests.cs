using VilTracker.Model;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

/// <summary>Decoding on hand-built maps, the Hann window's values and its effect on the argmax.</summary>
public class CenterDecoderTests
{
    /// <summary>Maps of size fh x fw for a batch of b, with low score everywhere and size/offset keyed to the cell.</summary>
    private static CenterMaps Blank(int b, int fh, int fw)
    {
        var score = full(b, 1, fh, fw, 0.01f);
        // size w = 0.01·cell index, h = 0.5; offset x = 0.1, y = 0.2 everywhere except where set.
        var cell = arange(fh * fw, dtype: ScalarType.Float32).view(1, 1, fh, fw).expand(b, 1, fh, fw);
        var size = cat([cell * 0.01f, full(b, 1, fh, fw, 0.5f)], 1).contiguous();
        var offset = cat([full(b, 1, fh, fw, 0.1f), full(b, 1, fh, fw, 0.2f)], 1);
        return new CenterMaps(score, size, offset);
    }

    [Fact]
    public void PeakSizeAndOffsetGiveTheHandWorkedBox()
    {
        using var scope = NewDisposeScope();
        var maps = Blank(2, 4, 5);
        maps.Score[0, 0, 2, 3] = tensor(0.9f);   // batch 0: row 2, col 3 -> index 2·5 + 3 = 13
        maps.Score[1, 0, 0, 4] = tensor(0.7f);   // batch 1: row 0, col 4 -> index 4
        maps.Offset[0, 0, 2, 3] = tensor(0.25f);
        maps.Offset[0, 1, 2, 3] = tensor(0.5f);
        var d = CenterDecoder.Decode(maps);
        Assert.Equal(new long[] { 13, 4 }, d.PeakIndices.data<long>().ToArray());
        var boxes = d.Boxes.data<float>().ToArray();
        // Batch 0: cx = (3 + 0.25)/5 = 0.65, cy = (2 + 0.5)/4 = 0.625, w = 0.01·13 = 0.13, h = 0.5.
        Assert.Equal(new[] { 0.65f, 0.625f, 0.13f, 0.5f }, boxes[..4], new FloatTolerance(1e-6f));
        // Batch 1: cx = (4 + 0.1)/5 = 0.82, cy = (0 + 0.2)/4 = 0.05, w = 0.04, h = 0.5.
        Assert.Equal(new[] { 0.82f, 0.05f, 0.04f, 0.5f }, boxes[4..], new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0.9f, 0.7f }, d.Scores.data<float>().ToArray());
    }

    [Fact]
    public void TiesGoToTheFirstCell()
    {
        using var scope = NewDisposeScope();
        var maps = Blank(1, 3, 3);
        maps.Score[0, 0, 1, 2] = tensor(0.8f);
        maps.Score[0, 0, 2, 0] = tensor(0.8f);
        Assert.Equal(5, CenterDecoder.Decode(maps).PeakIndices.item<long>());
    }

    [Fact]
    public void HannValuesMatchTheReference()
    {
        using var scope = NewDisposeScope();
        // REFERENCE-SPEC C4: hann1d(16) = 0.033764, 0.130496, 0.277131, 0.453866, 0.636831, 0.801317, 0.925109,
        // 0.991487, then mirrored.
        double[] half = [0.033764, 0.130496, 0.277131, 0.453866, 0.636831, 0.801317, 0.925109, 0.991487];
        var w = HannWindow.OneD(16).data<float>().ToArray();
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(half[k], w[k], 6);
            Assert.Equal(half[k], w[15 - k], 6);
        }
        var w2 = HannWindow.TwoD(16, 16);
        Assert.Equal(new long[] { 1, 1, 16, 16 }, w2.shape);
        Assert.Equal(0.033764 * 0.991487, w2[0, 0, 0, 7].item<float>(), 5); // product of two 6-decimal values
    }

    [Fact]
    public void WindowMovesTheArgmaxFromTheBorderToTheCentre()
    {
        using var scope = NewDisposeScope();
        var maps = Blank(1, 16, 16);
        maps.Score[0, 0, 0, 0] = tensor(0.9f);   // strongest raw peak, in the corner
        maps.Score[0, 0, 8, 7] = tensor(0.6f);   // weaker peak near the centre
        Assert.Equal(0, CenterDecoder.Decode(maps).PeakIndices.item<long>());
        // Windowed: corner 0.9·0.033764² = 0.00103; centre 0.6·0.991487·0.991487 = 0.590 -> centre wins.
        var d = CenterDecoder.Decode(maps, HannWindow.TwoD(16, 16));
        Assert.Equal(8 * 16 + 7, d.PeakIndices.item<long>());
        Assert.Equal(0.6f, d.Scores.item<float>()); // reported score is the unwindowed map value
    }

    [Fact]
    public void GatherAtReadsLogVarianceAtThePeak()
    {
        using var scope = NewDisposeScope();
        var map = arange(2 * 4 * 6, dtype: ScalarType.Float32).view(2, 4, 2, 3);
        var values = CenterDecoder.GatherAt(map, tensor(new long[] { 4, 0 }));
        // Batch 0, cell 4: channel c holds 0·24 + c·6 + 4; batch 1, cell 0: 24 + c·6.
        Assert.Equal(new float[] { 4, 10, 16, 22, 24, 30, 36, 42 }, values.data<float>().ToArray());
    }

    [Fact]
    public void MismatchedMapsAreRejected()
    {
        using var scope = NewDisposeScope();
        var maps = Blank(1, 4, 4) with { Size = zeros(1, 2, 4, 5) };
        Assert.Throws<ArgumentException>(() => CenterDecoder.Decode(maps));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float v) => 0;
    }
}
