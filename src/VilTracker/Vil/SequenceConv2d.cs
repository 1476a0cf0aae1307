using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VilTracker.Vil;

/// <summary>
/// Official <c>SequenceConv2d</c> (spec A6.1): the token sequence (B, N, C) is laid out on its patch grid
/// (<c>"b (h w) c -> b c h w"</c>), convolved depthwise with a k x k kernel, zero padding k/2 and bias, and flattened back.
/// Parameters <c>weight</c> (C, 1, k, k) and <c>bias</c> (C), as the official <c>nn.Conv2d</c> subclass stores them.
/// </summary>
public sealed class SequenceConv2d : nn.Module<Tensor, Tensor>, ISequenceConv
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly long channels;
    private readonly int kernelSize;

    /// <summary>Creates the convolution; <paramref name="layout"/> is the layout used by <see cref="forward(Tensor)"/>.</summary>
    /// <param name="channels">Channels C (each convolved separately).</param>
    /// <param name="kernelSize">Odd kernel size k (3 in every official model).</param>
    /// <param name="bias">Whether a per-channel bias is added.</param>
    /// <param name="layout">Default token layout (the official model fixes its grid at construction).</param>
    public SequenceConv2d(long channels, int kernelSize, bool bias, TokenLayout layout) : base(nameof(SequenceConv2d))
    {
        if (kernelSize < 1 || kernelSize % 2 == 0)
            throw new ArgumentException($"SequenceConv2d: kernel size {kernelSize} must be odd so that the grid keeps its size.");
        this.channels = channels;
        this.kernelSize = kernelSize;
        Layout = layout;
        weight = new Parameter(empty(channels, 1, kernelSize, kernelSize));
        this.bias = bias ? new Parameter(empty(channels)) : null;
        RegisterComponents();
        ResetParameters();
    }

    /// <summary>Layout used by <see cref="forward(Tensor)"/>.</summary>
    public TokenLayout Layout { get; }

    /// <summary>The (C, 1, k, k) depthwise kernel.</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        var bound = 1.0 / Math.Sqrt(kernelSize * kernelSize);
        weight.uniform_(-bound, bound);
        bias?.uniform_(-bound, bound);
    }

    /// <summary>Convolves tokens laid out as <see cref="Layout"/>.</summary>
    public override Tensor forward(Tensor tokens) => forward(tokens, Layout);

    /// <summary>
    /// Receives the multiply-accumulates of every convolution this module executes (set by an operation counter;
    /// null otherwise). The convolution is functional, so forward hooks cannot see it.
    /// </summary>
    public Action<long>? MacObserver { get; set; }

    /// <inheritdoc />
    public Tensor forward(Tensor tokens, TokenLayout layout)
    {
        layout.EnsureHolds(tokens.shape[1], nameof(SequenceConv2d));
        using var scope = NewDisposeScope();
        var b = tokens.shape[0];
        var pad = kernelSize / 2;
        var outputs = new List<Tensor>(layout.Segments.Count);
        long start = 0;
        foreach (var grid in layout.Segments)
        {
            var segment = tokens.narrow(1, start, grid.Count);
            start += grid.Count;
            var image = segment.reshape(b, grid.Height, grid.Width, channels).permute(0, 3, 1, 2);
            var conv = nn.functional.conv2d(image, weight, bias, padding: [pad, pad], groups: channels);
            outputs.Add(conv.permute(0, 2, 3, 1).reshape(b, grid.Count, channels));
        }
        MacObserver?.Invoke(b * layout.Count * channels * kernelSize * kernelSize);
        var result = outputs.Count == 1 ? outputs[0] : cat(outputs, 1);
        return result.MoveToOuterDisposeScope();
    }
}
