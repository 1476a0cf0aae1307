namespace VilTracker.Vil;

/// <summary>Official <c>conv_kind</c> argument: the convolution on the mLSTM branch of every ViL layer.</summary>
public enum VilConvKind
{
    /// <summary><c>"2d"</c>: depthwise k x k convolution on the patch grid (<see cref="SequenceConv2d"/>).</summary>
    Conv2d,

    /// <summary><c>"causal1d"</c>: depthwise causal convolution along the token sequence (<see cref="CausalConv1d"/>).</summary>
    Causal1d,
}
