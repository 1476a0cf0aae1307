using TorchSharp.Modules;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>VitPosEmbed2d</c>: a learnable embedding <c>embed</c> (1, H', W', D) added to channels-last patch
/// features; when the features' grid differs it is resized bicubically (align_corners false) on the fly.
/// Init: truncated normal, std 0.02, cut at +-2.
/// </summary>
public sealed class PositionEmbedding2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter embed;

    /// <summary>Creates the embedding for <paramref name="grid"/> and width <paramref name="dim"/>.</summary>
    public PositionEmbedding2d(TokenGrid grid, long dim) : base(nameof(PositionEmbedding2d))
    {
        embed = new Parameter(empty(1, grid.Height, grid.Width, dim));
        RegisterComponents();
        VilInit.TruncNormal(embed, 0.02);
    }

    /// <summary>Grid the stored embedding was built for.</summary>
    public TokenGrid Grid => new((int)embed.shape[1], (int)embed.shape[2]);

    /// <summary>The stored (1, H', W', D) embedding.</summary>
    public Parameter Embed => embed;

    /// <summary>Adds the embedding (resized if needed) to features (B, h, w, D).</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4 || x.shape[3] != embed.shape[3])
            throw new ArgumentException($"PositionEmbedding2d: expected (B, h, w, {embed.shape[3]}) features, got [{string.Join(", ", x.shape)}].");
        if (x.shape[1] == embed.shape[1] && x.shape[2] == embed.shape[2])
            return x.Plus(embed);
        using var resized = Resize(embed, new TokenGrid((int)x.shape[1], (int)x.shape[2]));
        return x.Plus(resized);
    }

    /// <summary>Bicubic resize (align_corners false) of a (1, H, W, D) embedding to <paramref name="grid"/>, as the official <c>interpolate_sincos</c>.</summary>
    public static Tensor Resize(Tensor embedding, TokenGrid grid)
    {
        using var scope = NewDisposeScope();
        var channelsFirst = embedding.permute(0, 3, 1, 2);
        var resized = nn.functional.interpolate(channelsFirst, [grid.Height, grid.Width], mode: InterpolationMode.Bicubic, align_corners: false);
        return resized.permute(0, 2, 3, 1).MoveToOuterDisposeScope();
    }
}
