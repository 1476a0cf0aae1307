using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>VitPatchEmbed</c>: a patch-size convolution with stride (patch size by default) mapping (B, C, H, W) to
/// channels-last patch features (B, H', W', D). Child <c>proj</c> (keys <c>proj.weight</c>, <c>proj.bias</c>).
/// Init: xavier-uniform on the weight viewed as (D, C*p*p), zero bias.
/// </summary>
public sealed class PatchEmbed : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;
    private readonly int patchSize;
    private readonly int stride;

    /// <summary>Creates the patch embedding.</summary>
    /// <param name="dim">Output width D.</param>
    /// <param name="channels">Input channels C.</param>
    /// <param name="patchSize">Square patch size p.</param>
    /// <param name="stride">Stride (equal to <paramref name="patchSize"/> for non-overlapping patches).</param>
    public PatchEmbed(long dim, long channels, int patchSize, int stride) : base(nameof(PatchEmbed))
    {
        this.patchSize = patchSize;
        this.stride = stride;
        proj = nn.Conv2d(channels, dim, patchSize, stride: stride);
        RegisterComponents();
        using var noGrad = no_grad();
        var fanIn = channels * patchSize * patchSize;
        var bound = Math.Sqrt(6.0 / (fanIn + dim));
        proj.weight!.uniform_(-bound, bound);
        proj.bias!.zero_();
    }

    /// <summary>Embeds images (B, C, H, W) with H and W multiples of the patch size; returns (B, H', W', D).</summary>
    public override Tensor forward(Tensor images)
    {
        if (images.dim() != 4 || images.shape[2] % patchSize != 0 || images.shape[3] % patchSize != 0)
            throw new ArgumentException(
                $"PatchEmbed: input [{string.Join(", ", images.shape)}] must be (B, C, H, W) with H and W multiples of the patch size {patchSize}.");
        using var scope = NewDisposeScope();
        return proj.call(images).permute(0, 2, 3, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Token grid produced for an input of <paramref name="height"/> x <paramref name="width"/> pixels.</summary>
    public TokenGrid GridFor(long height, long width) =>
        new((int)((height - patchSize) / stride + 1), (int)((width - patchSize) / stride + 1));
}
