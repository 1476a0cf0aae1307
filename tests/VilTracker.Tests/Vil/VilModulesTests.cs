using TorchSharp;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>The ViL building blocks against hand computations and the equivalences the spec states.</summary>
public class VilModulesTests
{
    [Fact]
    public void LinearHeadwiseExpandEqualsBlockDiagonalDenseMap()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var lhe = new LinearHeadwiseExpand(12, 3, bias: true);
        using (no_grad())
        {
            lhe.Weight.normal_();
            lhe.Bias!.normal_();
        }

        var dense = zeros(12, 12);
        for (var b = 0; b < 3; b++)
            dense.narrow(0, 4 * b, 4).narrow(1, 4 * b, 4).copy_(lhe.Weight[b]);
        var x = randn(2, 5, 12);
        VilFixtures.AssertClose(x.matmul(dense.t()) + lhe.Bias!, lhe.forward(x), 1e-5, "LHE");
    }

    [Fact]
    public void OffsetLayerNormScalesByOnePlusStoredWeight()
    {
        using var scope = NewDisposeScope();
        var norm = new OffsetLayerNorm(6, bias: true, eps: 1e-6);
        norm.to(ScalarType.Float64);
        var sd = norm.state_dict();
        using (no_grad())
        {
            sd["weight"].copy_(tensor(new[] { 0.5, -0.5, 0, 1, 2, -1 }));
            sd["bias"].copy_(tensor(new[] { 1.0, 0, 0, 0, 0, -2 }));
        }

        var x = randn([3, 6], ScalarType.Float64);
        var mean = x.mean([1], keepdim: true);
        var variance = (x - mean).pow(2).mean([1], keepdim: true);
        var expected = (x - mean) / (variance + 1e-6).sqrt() * (1 + sd["weight"]) + sd["bias"];
        VilFixtures.AssertClose(expected, norm.forward(x), 1e-12, "offset LN");
    }

    [Fact]
    public void MultiHeadLayerNormNormalisesEachHeadSeparately()
    {
        using var scope = NewDisposeScope();
        var norm = new MultiHeadLayerNorm(8, bias: true);
        norm.to(ScalarType.Float64);
        var sd = norm.state_dict();
        using (no_grad())
        {
            sd["weight"].normal_();
            sd["bias"].normal_();
        }

        var x = randn([2, 2, 3, 4], ScalarType.Float64) * 3 + 1;
        var mean = x.mean([3], keepdim: true);
        var variance = (x - mean).pow(2).mean([3], keepdim: true);
        var normed = (x - mean) / (variance + 1e-5).sqrt();
        var expected = normed * (1 + sd["weight"]).view(2, 1, 4) + sd["bias"].view(2, 1, 4);
        VilFixtures.AssertClose(expected, norm.forward(x), 1e-12, "multi-head LN");
    }

    [Fact]
    public void SequenceConv2dIsZeroPaddedCrossCorrelationOnANonSquareGrid()
    {
        using var scope = NewDisposeScope();
        var grid = new TokenGrid(3, 5);
        var conv = new SequenceConv2d(2, 3, bias: true, grid);
        conv.to(ScalarType.Float64);
        var x = randn([1, grid.Count, 2], ScalarType.Float64);
        var y = conv.forward(x);
        var w = conv.Weight.data<double>().ToArray();
        var bias = conv.state_dict()["bias"].data<double>().ToArray();
        var xs = x.data<double>().ToArray();
        for (var c = 0; c < 2; c++)
            for (var r = 0; r < 3; r++)
                for (var s = 0; s < 5; s++)
                {
                    var expected = bias[c];
                    for (var i = 0; i < 3; i++)
                        for (var j = 0; j < 3; j++)
                        {
                            int rr = r + i - 1, ss = s + j - 1;
                            if (rr is >= 0 and < 3 && ss is >= 0 and < 5)
                                expected += w[c * 9 + i * 3 + j] * xs[(rr * 5 + ss) * 2 + c];
                        }

                    Assert.Equal(expected, y[0, r * 5 + s, c].item<double>(), 12);
                }
    }

    [Fact]
    public void CausalConv1dSeesOnlyPastTokens()
    {
        using var scope = NewDisposeScope();
        var conv = new CausalConv1d(2, 4, bias: true);
        conv.to(ScalarType.Float64);
        var sd = conv.state_dict();
        var w = sd["conv.weight"].data<double>().ToArray();
        var bias = sd["conv.bias"].data<double>().ToArray();
        var x = randn([1, 7, 2], ScalarType.Float64);
        var y = conv.forward(x);
        for (var t = 0; t < 7; t++)
            for (var c = 0; c < 2; c++)
            {
                var expected = bias[c];
                for (var j = 0; j < 4; j++)
                {
                    var source = t - 3 + j;
                    if (source >= 0)
                        expected += w[c * 4 + j] * x[0, source, c].item<double>();
                }

                Assert.Equal(expected, y[0, t, c].item<double>(), 12);
            }
    }

    /// <summary>
    /// Spec A3: the reversed sub-block's conv equals a conv on the original grid with the kernel rotated by 180 degrees.
    /// The bottom-right layer is recomputed from its parts with that rotated conv on the un-flipped, non-square grid.
    /// </summary>
    [Fact]
    public void ReversedLayerEqualsRotatedKernelConvOnTheOriginalNonSquareGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(5);
        var grid = new TokenGrid(3, 5);
        var layer = new ViLLayer(8, SequenceDirection.RowwiseFromBotRight, VilConvKind.Conv2d, 3, grid, projBias: true, normBias: true);
        layer.to(ScalarType.Float64);
        foreach (var p in layer.parameters())
            p.normal_(0, 0.3);
        var x = randn([2, grid.Count, 8], ScalarType.Float64);

        var inner = layer.ProjUp.forward(x).chunk(2, -1);
        var sd = layer.state_dict();
        var rotated = sd["conv.weight"].flip(2, 3);
        var image = inner[0].view(2, 3, 5, 16).permute(0, 3, 1, 2);
        var convOriginalOrder = nn.functional.conv2d(image, rotated, sd["conv.bias"], padding: [1, 1], groups: 16)
            .permute(0, 2, 3, 1).reshape(2, grid.Count, 16);
        var convAct = nn.functional.silu(convOriginalOrder.flip(1));
        var xMlstm = inner[0].flip(1);
        var h = layer.Cell.forward(layer.QProj.forward(convAct), layer.KProj.forward(convAct), layer.VProj.forward(xMlstm));
        var y = layer.ProjDown.forward((h + layer.LearnableSkip * convAct) * nn.functional.silu(inner[1].flip(1))).flip(1);

        VilFixtures.AssertClose(y, layer.forward(x), 1e-12, "bottom-right layer");
    }

    /// <summary>
    /// A sequence of two segments (e.g. template then search tokens) on their own grids: the reversed layer sees the
    /// segments swapped and each rotated by 180 degrees, so its conv equals, per segment on the original grid, the conv
    /// with the rotated kernel; the mLSTM runs over the whole reversed sequence.
    /// </summary>
    [Fact]
    public void ReversedLayerOnTwoSegmentsConvolvesEachSegmentOnItsOwnGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(6);
        TokenGrid template = new(2, 3), search = new(3, 4);
        var layer = new ViLLayer(8, SequenceDirection.RowwiseFromBotRight, VilConvKind.Conv2d, 3, search, projBias: true, normBias: true);
        layer.to(ScalarType.Float64);
        foreach (var p in layer.parameters())
            p.normal_(0, 0.3);
        var x = randn([2, template.Count + search.Count, 8], ScalarType.Float64);

        var inner = layer.ProjUp.forward(x).chunk(2, -1);
        var sd = layer.state_dict();
        var rotated = sd["conv.weight"].flip(2, 3);
        Tensor RotatedConv(Tensor tokens, TokenGrid grid) =>
            nn.functional.conv2d(tokens.view(2, grid.Height, grid.Width, 16).permute(0, 3, 1, 2), rotated, sd["conv.bias"], padding: [1, 1], groups: 16)
                .permute(0, 2, 3, 1).reshape(2, grid.Count, 16);
        var conv = cat([RotatedConv(inner[0].narrow(1, 0, template.Count), template), RotatedConv(inner[0].narrow(1, template.Count, search.Count), search)], 1);
        var convAct = nn.functional.silu(conv.flip(1));
        var h = layer.Cell.forward(layer.QProj.forward(convAct), layer.KProj.forward(convAct), layer.VProj.forward(inner[0].flip(1)));
        var y = layer.ProjDown.forward((h + layer.LearnableSkip * convAct) * nn.functional.silu(inner[1].flip(1))).flip(1);

        VilFixtures.AssertClose(y, layer.forward(x, new TokenLayout(template, search)), 1e-12, "two-segment bottom-right layer");
        Assert.Throws<ArgumentException>(() => layer.forward(x, new TokenLayout(template, template)));
    }

    [Fact]
    public void BlockRunsOnAGridOtherThanItsConstructionGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(3);
        var big = new ViLBlock(8, SequenceDirection.RowwiseFromBotRight, new TokenGrid(4, 4));
        var small = new ViLBlock(8, SequenceDirection.RowwiseFromBotRight, new TokenGrid(2, 3));
        foreach (var (name, p) in small.state_dict())
            p.copy_(big.state_dict()[name]);
        var x = randn(2, 6, 8);
        VilFixtures.AssertClose(small.forward(x), big.forward(x, new TokenGrid(2, 3)), 0, "block on 2x3");
        Assert.Throws<ArgumentException>(() => big.forward(x));
    }

    [Fact]
    public void DropPathKeepsOrScalesWholeSamplesInTraining()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(9);
        var block = new ViLBlock(8, SequenceDirection.RowwiseFromTopLeft, new TokenGrid(2, 2), dropPath: 0.5);
        block.to(ScalarType.Float64);
        var x = randn([4, 4, 8], ScalarType.Float64);
        block.eval();
        var residual = block.forward(x) - x;
        block.train();
        var y = block.forward(x);
        int kept = 0, dropped = 0;
        for (var b = 0; b < 4; b++)
        {
            if (VilFixtures.MaxAbsDiff(y[b], x[b]) == 0)
                dropped++;
            else
            {
                VilFixtures.AssertClose(x[b] + 2 * residual[b], y[b], 1e-12, $"kept sample {b}");
                kept++;
            }
        }

        Assert.Equal(2, kept);
        Assert.Equal(2, dropped);
    }

    [Fact]
    public void PositionEmbeddingIsResizedBicubicallyWhenTheGridDiffers()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pos = new PositionEmbedding2d(new TokenGrid(4, 4), 3);
        pos.to(ScalarType.Float64);
        pos.Embed.copy_(full([1, 4, 4, 3], 0.25, ScalarType.Float64));
        var features = zeros([2, 3, 6, 3], ScalarType.Float64);
        // Bicubic weights sum to one, so a constant embedding stays constant on any grid.
        VilFixtures.AssertClose(full([2, 3, 6, 3], 0.25, ScalarType.Float64), pos.forward(features), 1e-12, "resized constant");

        var ramp = arange(16, ScalarType.Float64).view(1, 4, 4, 1).expand(1, 4, 4, 3).contiguous();
        var expected = nn.functional.interpolate(ramp.permute(0, 3, 1, 2), [3, 6], mode: InterpolationMode.Bicubic, align_corners: false).permute(0, 2, 3, 1);
        pos.Embed.copy_(ramp);
        VilFixtures.AssertClose(expected.expand(2, 3, 6, 3), pos.forward(features), 1e-12, "resized ramp");
    }
}
