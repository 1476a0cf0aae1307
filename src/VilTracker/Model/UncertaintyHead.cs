using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using VilTracker.Tensors;

namespace VilTracker.Model;

/// <summary>
/// Predicts the log-variance of the decoded box, per cell: conv3x3 + BN + ReLU to <c>width</c> channels, then a
/// 1x1 conv to 4 maps (cx, cy, w, h), squashed smoothly into [<see cref="MinLogVariance"/>,
/// <see cref="MaxLogVariance"/>]. Read the value at the decoded peak with <see cref="CenterDecoder.GatherAt"/>.
/// </summary>
/// <remarks>
/// Units are those of the normalised box (fractions of the search crop). The range is bounded with
/// <c>min + (max − min)·sigmoid(x)</c> rather than a hard clamp so the gradient never vanishes:
/// −12 is σ ≈ 0.0025 (about 0.6 px of a 256 px crop, finer than the stride-16 grid can justify) and +4 is
/// σ ≈ 7.4 crop sides (target effectively lost). At initialisation (x ≈ 0) the value is −4, σ ≈ 0.14.
/// </remarks>
public sealed class UncertaintyHead : Module<Tensor, Tensor>
{
    /// <summary>Smallest log-variance the head can output.</summary>
    public const double MinLogVariance = -12;

    /// <summary>Largest log-variance the head can output.</summary>
    public const double MaxLogVariance = 4;

    private readonly Sequential conv1_unc;
    private readonly Conv2d conv2_unc;

    /// <summary>Builds the head for <paramref name="inputChannels"/> token channels and a hidden <paramref name="width"/>.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public UncertaintyHead(int inputChannels, int width = 32) : base(nameof(UncertaintyHead))
    {
        if (inputChannels <= 0 || width <= 0)
            throw new ArgumentException($"UncertaintyHead needs positive sizes, got input {inputChannels}, width {width}.");
        InputChannels = inputChannels;
        conv1_unc = Sequential(("0", Conv2d(inputChannels, width, 3, padding: 1)), ("1", BatchNorm2d(width)), ("2", ReLU()));
        conv2_unc = Conv2d(width, 4, 1);
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var (_, p) in named_parameters())
            if (p.dim() > 1)
                init.xavier_uniform_(p);
    }

    /// <summary>Token width C the head expects.</summary>
    public int InputChannels { get; }

    /// <summary>Maps <c>(B, C, fh, fw)</c> features to <c>(B, 4, fh, fw)</c> log-variances of (cx, cy, w, h).</summary>
    /// <exception cref="ArgumentException">The input is not 4-D with <see cref="InputChannels"/> channels.</exception>
    public override Tensor forward(Tensor features)
    {
        if (features.dim() != 4 || features.shape[1] != InputChannels)
            throw new ArgumentException(
                $"UncertaintyHead input must be (B, {InputChannels}, fh, fw), got ({string.Join(", ", features.shape)}).", nameof(features));
        using var scope = NewDisposeScope();
        var raw = conv2_unc.call(conv1_unc.call(features));
        return raw.sigmoid().Times(MaxLogVariance - MinLogVariance).Plus(MinLogVariance).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1_unc.Dispose();
            conv2_unc.Dispose();
        }
        base.Dispose(disposing);
    }
}
