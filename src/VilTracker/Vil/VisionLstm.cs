using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>VisionLSTM2</c> (spec A2): patch embedding, learnable position embedding, <c>depth</c> block pairs,
/// final offset LayerNorm (eps 1e-6), pooling, optional legacy LayerNorm (eps 1e-5) and linear head. Its
/// <c>state_dict()</c> keys equal the official ones (<c>patch_embed.proj.*</c>, <c>pos_embed.embed</c>,
/// <c>blocks.{i}.rowwise_from_top_left.*</c>, <c>blocks.{i}.rowwise_from_bot_right.*</c>, <c>norm.*</c>,
/// <c>legacy_norm.*</c>, <c>head.*</c>), in the official order.
/// </summary>
public sealed class VisionLstm : nn.Module<Tensor, Tensor>
{
    private readonly PatchEmbed patch_embed;
    private readonly PositionEmbedding2d pos_embed;
    private readonly ModuleList<ViLBlockPair> blocks;
    private readonly OffsetLayerNorm norm;
    private readonly LayerNorm? legacy_norm;
    private readonly Linear? head;

    /// <summary>Builds the model for <paramref name="config"/> with the official initialisation, in float32 on the CPU.</summary>
    /// <param name="config">Official constructor arguments (validated here).</param>
    /// <param name="initialize">False skips the initialisation of the large matrices (block projections, head), which
    /// are then left uninitialised: for a model whose weights are loaded right after (saves time and memory).</param>
    public VisionLstm(VisionLstmConfig config, bool initialize = true) : base(nameof(VisionLstm))
    {
        Config = config.Validate();
        Grid = config.TokenGrid;
        patch_embed = new PatchEmbed(config.Dim, config.InputShape[0], config.PatchSize, config.EffectiveStride);
        pos_embed = new PositionEmbedding2d(config.PatchGrid, config.Dim);
        var rates = config.DropPathRates();
        blocks = nn.ModuleList(Enumerable.Range(0, config.Depth)
            .Select(i => new ViLBlockPair(config.Dim, Grid, rates[i], config.ConvKind, config.BlockConvKernelSize,
                config.ProjBias, config.NormBias, config.InitWeights, 2 * config.Depth, initialize))
            .ToArray());
        norm = new OffsetLayerNorm(config.Dim, config.NormBias, 1e-6);
        legacy_norm = config.LegacyNorm ? nn.LayerNorm(config.HeadDim) : null;
        if (config.Mode == VilMode.Classifier)
        {
            head = VilInit.UninitializedLinear(config.HeadDim, config.NumClasses, bias: true);
            if (initialize)
            {
                using var noGrad = no_grad();
                VilInit.TruncNormal(head.weight!, 2e-5);
                head.bias!.zero_();
            }
        }

        RegisterComponents();
    }

    /// <summary>The configuration the model was built from.</summary>
    public VisionLstmConfig Config { get; }

    /// <summary>Token grid of the configured input.</summary>
    public TokenGrid Grid { get; }

    /// <summary>The block pairs, in order.</summary>
    public IReadOnlyList<ViLBlockPair> BlockPairs => blocks.ToList();

    /// <summary>The patch embedding.</summary>
    public PatchEmbed PatchEmbedding => patch_embed;

    /// <summary>The position embedding.</summary>
    public PositionEmbedding2d PositionEmbedding => pos_embed;

    /// <summary>The final norm (eps 1e-6).</summary>
    public OffsetLayerNorm FinalNorm => norm;

    /// <summary>Selects the mLSTM form of every cell (the results agree to rounding; parallel is the official one).</summary>
    /// <param name="backend">Form to use.</param>
    /// <param name="chunkSize">Chunk length of the chunkwise form.</param>
    public void SetMlstmBackend(MlstmBackend backend, int chunkSize = 64)
    {
        foreach (var pair in blocks)
            foreach (var block in new[] { pair.TopLeft, pair.BotRight })
            {
                block.Layer.Cell.Backend = backend;
                block.Layer.Cell.ChunkSize = chunkSize;
            }
    }

    /// <summary>Patch and position embedding of images (B, C, H, W), flattened row-major to tokens (B, H'*W', D).</summary>
    public Tensor Embed(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = pos_embed.forward(patch_embed.forward(images));
        return x.flatten(1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>Pooling (as configured) and legacy norm of final-normed tokens (B, N, D): the head's input.</summary>
    public Tensor Pool(Tensor normed)
    {
        using var scope = NewDisposeScope();
        var pooled = Config.EffectivePooling switch
        {
            VilPooling.None => LegacyNorm(normed),
            VilPooling.ToImage => LegacyNorm(normed).view(normed.shape[0], Grid.Height, Grid.Width, normed.shape[2]).permute(0, 3, 1, 2),
            VilPooling.BilateralAvg => LegacyNorm(normed.select(1, 0).Plus(normed.select(1, -1)).DividedBy(2)),
            _ => LegacyNorm(cat([normed.select(1, 0), normed.select(1, -1)], 1)),
        };
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>Pooling, legacy norm and (classifier mode) head applied to final-normed tokens (B, N, D).</summary>
    public Tensor PoolAndClassify(Tensor normed)
    {
        using var scope = NewDisposeScope();
        var pooled = Pool(normed);
        return (head is null ? pooled : head.forward(pooled)).MoveToOuterDisposeScope();
    }

    private Tensor LegacyNorm(Tensor x) => legacy_norm is null ? x.alias() : legacy_norm.forward(x);

    /// <summary>Official forward: images (B, C, H, W) to logits (classifier) or features (features mode).</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = Embed(images);
        var grid = patch_embed.GridFor(images.shape[2], images.shape[3]);
        foreach (var pair in blocks)
            x = pair.forward(x, grid);
        return PoolAndClassify(norm.forward(x)).MoveToOuterDisposeScope();
    }
}
