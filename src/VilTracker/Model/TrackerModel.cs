using TorchSharp;
using TorchSharp.Modules;
using VilTracker.Vil;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// The VilTracker network: a shared patch embedding turns the template crop and the search crop into tokens
/// (each with its own learned position embedding and a learned type embedding); the sequence
/// [template tokens ; search tokens] runs through ViL blocks of alternating direction, with FiLM modulation by the
/// temporal context between chosen blocks and a temporal mixture-of-experts branch in the last blocks; the search
/// tokens feed the centre head (score, size, offset) and the uncertainty head (log-variances).
/// </summary>
/// <remarks>
/// Parameter names follow the official ViL where the parts are the same (<c>patch_embed.proj.*</c>,
/// <c>blocks.{pair}.rowwise_from_top_left.*</c>, <c>blocks.{pair}.rowwise_from_bot_right.*</c>, <c>norm.*</c>),
/// so official ViL weights import by name (<see cref="OfficialVilImport"/>).
/// </remarks>
public sealed class TrackerModel : nn.Module<Tensor, Tensor, Tensor, TrackerOutput>
{
    private readonly PatchEmbed patch_embed;
    private readonly PositionEmbedding2d pos_embed_z;
    private readonly PositionEmbedding2d pos_embed_x;
    private readonly Parameter type_embed;
    private readonly ModuleList<ViLBlockPair> blocks;
    private readonly ModuleList<FilmModulation> film;
    private readonly ModuleList<TemporalMixtureOfExperts> moe;
    private readonly TemporalContextEncoder context_encoder;
    private readonly OffsetLayerNorm norm;
    private readonly CenterHead head;
    private readonly UncertaintyHead uncertainty_head;
    private readonly Dictionary<int, int> filmSlotAfterBlock;

    /// <summary>Builds the model for <paramref name="config"/> (validated), float32 on the CPU.</summary>
    public TrackerModel(TrackerModelConfig config) : base(nameof(TrackerModel))
    {
        Config = config.Validate();
        int dim = config.Dim;
        patch_embed = new PatchEmbed(dim, 3, config.PatchSize, config.PatchSize);
        pos_embed_z = new PositionEmbedding2d(config.TemplateGrid, dim);
        pos_embed_x = new PositionEmbedding2d(config.SearchGrid, dim);
        type_embed = new Parameter(zeros(2, dim));
        blocks = nn.ModuleList(Enumerable.Range(0, config.Blocks / 2)
            .Select(_ => new ViLBlockPair(dim, new TokenLayout(config.TemplateGrid, config.SearchGrid), config.DropPathRate, config.ConvKind,
                config.ConvKernelSize, numBlocks: config.Blocks))
            .ToArray());
        film = nn.ModuleList(config.FilmAfterBlocks.Select(i => new FilmModulation($"film{i}", dim, config.ContextDim)).ToArray());
        filmSlotAfterBlock = config.FilmAfterBlocks.Select((block, slot) => (block, slot)).ToDictionary(p => p.block, p => p.slot);
        moe = nn.ModuleList(Enumerable.Range(0, config.MoeBlocks)
            .Select(i => new TemporalMixtureOfExperts($"moe{i}", dim, config.ContextDim, config.Experts, config.ExpertHiddenRatio))
            .ToArray());
        context_encoder = new TemporalContextEncoder("context_encoder", dim, config.ContextDim);
        norm = new OffsetLayerNorm(dim, bias: true, eps: 1e-6);
        head = new CenterHead(dim, config.HeadChannels);
        uncertainty_head = new UncertaintyHead(dim, config.HeadChannels[^1]);
        RegisterComponents();
        using var noGrad = no_grad();
        VilInit.TruncNormal(type_embed, 0.02);
    }

    /// <summary>The configuration the model was built from.</summary>
    public TrackerModelConfig Config { get; }

    /// <summary>Whether FiLM modulation is applied (training switches it on after a given epoch; tracking keeps it on).</summary>
    public bool FilmEnabled { get; set; } = true;

    /// <summary>The shared patch embedding.</summary>
    public PatchEmbed PatchEmbedding => patch_embed;

    /// <summary>The block pairs, in order.</summary>
    public IReadOnlyList<ViLBlockPair> BlockPairs => blocks.ToList();

    /// <summary>The temporal mixture-of-experts branches of the last blocks, in block order.</summary>
    public IReadOnlyList<TemporalMixtureOfExperts> MixtureBranches => moe.ToList();

    /// <summary>Selects the mLSTM computation form of every block (parallel, recurrent or chunkwise).</summary>
    public void SetMlstmBackend(MlstmBackend backend, int chunkSize = 64)
    {
        foreach (var pair in blocks)
            foreach (var block in new[] { pair.TopLeft, pair.BotRight })
            {
                block.Layer.Cell.Backend = backend;
                block.Layer.Cell.ChunkSize = chunkSize;
            }
    }

    /// <summary>Freezes or unfreezes the shared expert of every mixture branch (phase-2 fine-tuning freezes it).</summary>
    public void FreezeSharedExperts(bool frozen)
    {
        foreach (var branch in moe) branch.FreezeSharedExpert(frozen);
    }

    /// <summary>
    /// Appearance feature of target crops (B, 3, template size, template size), ImageNet-normalised: the mean of their
    /// position-embedded patch tokens, (B, D). The online tracker keeps a short memory of these from confident frames.
    /// </summary>
    public Tensor EmbedAppearance(Tensor targetCrops)
    {
        using var scope = NewDisposeScope();
        return pos_embed_z.call(patch_embed.call(targetCrops)).mean([1, 2]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the network. <paramref name="template"/> (B, 3, Hz, Wz) and <paramref name="search"/> (B, 3, Hx, Wx) are
    /// ImageNet-normalised crops; <paramref name="memory"/> (B, K, D) holds K appearance features of earlier frames
    /// (<see cref="EmbedAppearance"/>), which give the temporal context.
    /// </summary>
    public override TrackerOutput forward(Tensor template, Tensor search, Tensor memory)
    {
        using var scope = NewDisposeScope();
        var z = pos_embed_z.call(patch_embed.call(template));
        var x = pos_embed_x.call(patch_embed.call(search));
        long batch = x.shape[0], fh = x.shape[1], fw = x.shape[2], dim = x.shape[3];
        var zTokens = z.reshape(batch, -1, dim).Plus(type_embed[0]);
        var xTokens = x.reshape(batch, -1, dim).Plus(type_embed[1]);
        long templateTokens = zTokens.shape[1];
        var context = context_encoder.call(memory);
        var tokens = cat([zTokens, xTokens], 1);
        int firstMoeBlock = Config.Blocks - Config.MoeBlocks;
        for (int i = 0; i < Config.Blocks; i++)
        {
            var pair = blocks[i / 2];
            tokens = (i % 2 == 0 ? pair.TopLeft : pair.BotRight).call(tokens);
            if (i >= firstMoeBlock)
                tokens = moe[i - firstMoeBlock].call(tokens, context);
            if (FilmEnabled && filmSlotAfterBlock.TryGetValue(i, out int slot))
                tokens = film[slot].call(tokens, context);
        }
        tokens = norm.call(tokens);
        var templateFeature = tokens[.., ..(int)templateTokens].mean([1]);
        var searchMap = tokens[.., (int)templateTokens..].transpose(1, 2).reshape(batch, dim, fh, fw);
        var maps = head.call(searchMap);
        var logVariance = uncertainty_head.call(searchMap);
        var output = new TrackerOutput(maps.Score, maps.Size, maps.Offset, logVariance, templateFeature, searchMap);
        foreach (var t in new[] { maps.Score, maps.Size, maps.Offset, logVariance, templateFeature, searchMap })
            t.MoveToOuterDisposeScope();
        return output;
    }
}
