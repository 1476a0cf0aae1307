using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// OSTrack's <c>CenterPredictor</c>: three identical convolution towers (score, offset, size) over the search
/// tokens laid out as a <c>(B, C, fh, fw)</c> map. Each tower is conv3x3 + BatchNorm + ReLU per width in
/// <c>towerWidths</c> (reference: 256, 128, 64, 32), then a 1x1 conv to 1 (score), 2 (offset) or 2 (size)
/// channels. Parameter names follow the reference (<c>conv1_ctr.0.weight</c> ... <c>conv5_size.bias</c>) so its
/// weights load by name.
/// </summary>
public sealed class CenterHead : Module<Tensor, CenterMaps>
{
    /// <summary>The reference tower widths (OSTrack, head channels 256).</summary>
    public static readonly IReadOnlyList<int> ReferenceTowerWidths = [256, 128, 64, 32];

    private const double ProbabilityFloor = 1e-4;
    private readonly Module<Tensor, Tensor>[] scoreTower;
    private readonly Module<Tensor, Tensor>[] offsetTower;
    private readonly Module<Tensor, Tensor>[] sizeTower;

    /// <summary>Builds the head for <paramref name="inputChannels"/> token channels.</summary>
    /// <param name="inputChannels">Token width C of the backbone.</param>
    /// <param name="towerWidths">Output widths of the 3x3 layers of each tower; default <see cref="ReferenceTowerWidths"/>.</param>
    /// <exception cref="ArgumentException">A width or the input channel count is not positive, or no width is given.</exception>
    public CenterHead(int inputChannels, IReadOnlyList<int>? towerWidths = null) : base(nameof(CenterHead))
    {
        towerWidths ??= ReferenceTowerWidths;
        if (inputChannels <= 0 || towerWidths.Count == 0 || towerWidths.Any(w => w <= 0))
            throw new ArgumentException(
                $"CenterHead needs positive input channels and at least one positive tower width, got {inputChannels} and [{string.Join(", ", towerWidths)}].");
        InputChannels = inputChannels;
        TowerWidths = towerWidths.ToArray();
        scoreTower = Tower("ctr", 1);
        offsetTower = Tower("offset", 2);
        sizeTower = Tower("size", 2);
        ResetParameters();
    }

    /// <summary>Token width C the head expects.</summary>
    public int InputChannels { get; }

    /// <summary>Widths of the 3x3 layers of each tower.</summary>
    public IReadOnlyList<int> TowerWidths { get; }

    /// <summary>Xavier-uniform for every parameter with more than one dimension (the reference's init).</summary>
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        foreach (var (_, p) in named_parameters())
            if (p.dim() > 1)
                init.xavier_uniform_(p);
    }

    /// <summary>Maps <c>(B, C, fh, fw)</c> search features to score, size and offset maps.</summary>
    /// <exception cref="ArgumentException">The input is not 4-D with <see cref="InputChannels"/> channels.</exception>
    public override CenterMaps forward(Tensor features)
    {
        if (features.dim() != 4 || features.shape[1] != InputChannels)
            throw new ArgumentException(
                $"CenterHead input must be (B, {InputChannels}, fh, fw), got ({string.Join(", ", features.shape)}).", nameof(features));
        var score = Run(scoreTower, features).sigmoid().Clamp(ProbabilityFloor, 1 - ProbabilityFloor);
        var size = Run(sizeTower, features).sigmoid().Clamp(ProbabilityFloor, 1 - ProbabilityFloor);
        var offset = Run(offsetTower, features);
        return new CenterMaps(score, size, offset);
    }

    private static Tensor Run(Module<Tensor, Tensor>[] tower, Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in tower)
            x = layer.call(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One tower, registered layer by layer as direct children named like the reference: <c>conv{i}_{suffix}</c> =
    /// conv3x3 + BN + ReLU for each width, then the 1x1 conv to <paramref name="outputs"/> channels.
    /// </summary>
    private Module<Tensor, Tensor>[] Tower(string suffix, int outputs)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        long channels = InputChannels;
        for (int i = 0; i < TowerWidths.Count; i++)
        {
            var block = Sequential(
                ("0", Conv2d(channels, TowerWidths[i], 3, padding: 1, bias: true)),
                ("1", BatchNorm2d(TowerWidths[i])),
                ("2", ReLU()));
            register_module($"conv{i + 1}_{suffix}", block);
            layers.Add(block);
            channels = TowerWidths[i];
        }
        var last = Conv2d(channels, outputs, 1);
        register_module($"conv{TowerWidths.Count + 1}_{suffix}", last);
        layers.Add(last);
        return layers.ToArray();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var layer in scoreTower.Concat(offsetTower).Concat(sizeTower))
                layer.Dispose();
        }
        base.Dispose(disposing);
    }
}
