namespace VilTracker.Vil;

/// <summary>Official <c>pooling</c> argument of <c>VisionLSTM2</c> (JSON: <c>null</c>, <c>"to_image"</c>, ...).</summary>
public enum VilPooling
{
    /// <summary>No pooling (JSON <c>null</c>): every token, <c>(B, N, D)</c>.</summary>
    None,

    /// <summary><c>"to_image"</c>: tokens reshaped to <c>(B, D, H', W')</c>.</summary>
    ToImage,

    /// <summary><c>"bilateral_avg"</c>: mean of the first and the last token, <c>(B, D)</c>.</summary>
    BilateralAvg,

    /// <summary><c>"bilateral_flatten"</c>: first and last token concatenated, <c>(B, 2D)</c>.</summary>
    BilateralFlatten,
}
