using TorchSharp;
using VilTracker.Model;
using VilTracker.Tests.Vil;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Model;

public class OfficialVilImportTests
{
    /// <summary>Fixture A's shape (dim 64, 4 block pairs, 2-D conv) with a 4x4 search grid like its 64x64 input.</summary>
    private static readonly TrackerModelConfig FixtureShaped = new()
    {
        Preset = "fixture-a", Dim = 64, Blocks = 8, PatchSize = 16, TemplateSize = 32, SearchSize = 64,
        ConvKind = VilConvKind.Conv2d, ConvKernelSize = 3, ContextDim = 8, FilmAfterBlocks = [], MoeBlocks = 0,
        HeadChannels = [8],
    };

    [Fact]
    public void ImportedBlocksOnTheSearchGridReproduceTheOfficialBlockOutputs()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var file = VilFixtures.OpenSmallA(ScalarType.Float64);
        using var model = new TrackerModel(FixtureShaped);
        model.to(ScalarType.Float64);
        model.eval();
        var imported = OfficialVilImport.Import(model, VilFixtures.Weights(file), file.Path);
        Assert.Contains("blocks.3.rowwise_from_bot_right.layer.proj_down.weight", imported);
        Assert.Contains("pos_embed_x.embed", imported);

        var searchGrid = FixtureShaped.SearchGrid;
        var tokens = file.Load("output.pos_embed").flatten(1, 2);
        for (int i = 0; i < 8; i++)
        {
            var pair = model.BlockPairs[i / 2];
            tokens = (i % 2 == 0 ? pair.TopLeft : pair.BotRight).forward(tokens, searchGrid);
            VilFixtures.AssertClose(file.Load($"output.block{i}"), tokens, 1e-9, $"block {i}");
        }
        // The search grid equals the official grid, so the position embedding is copied unchanged.
        VilFixtures.AssertClose(file.Load("pos_embed.embed"), model.state_dict()["pos_embed_x.embed"], 0, "pos_embed_x");
    }

    [Fact]
    public void ConvolutionKindMismatchListsTheOffendingNames()
    {
        using var scope = NewDisposeScope();
        using var file = VilFixtures.OpenSmallA(ScalarType.Float32);
        using var model = new TrackerModel(FixtureShaped with { ConvKind = VilConvKind.Causal1d, ConvKernelSize = 4 });
        var error = Assert.Throws<VilWeightsException>(() => OfficialVilImport.Import(model, VilFixtures.Weights(file), file.Path));
        Assert.Contains("blocks.0.rowwise_from_top_left.layer.conv.conv.weight", error.Message);
        Assert.Contains(file.Path, error.Message);
    }

    [Fact]
    public void TwoDimensionalConvolutionNeverMixesTemplateAndSearchGrids()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var model = new TrackerModel(FixtureShaped);
        model.eval();
        var layer = model.BlockPairs[0].BotRight.Layer;
        var conv = layer.Conv;
        var template = randn(1, 4, 2 * 64);
        var search = randn(1, 16, 2 * 64);
        var layout = new TokenLayout(FixtureShaped.TemplateGrid, FixtureShaped.SearchGrid);
        var joint = conv.forward(cat([template, search], 1), layout);
        VilFixtures.AssertClose(conv.forward(template, FixtureShaped.TemplateGrid), joint[.., ..4], 1e-6, "template part");
        VilFixtures.AssertClose(conv.forward(search, FixtureShaped.SearchGrid), joint[.., 4..], 1e-6, "search part");
        Assert.Equal(new TokenLayout(FixtureShaped.SearchGrid, FixtureShaped.TemplateGrid), layout.Reversed());
    }
}
