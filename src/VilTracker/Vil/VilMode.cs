namespace VilTracker.Vil;

/// <summary>Official <c>mode</c> argument of <c>VisionLSTM2</c>.</summary>
public enum VilMode
{
    /// <summary><c>"features"</c>: no classification head; pooling may only be none or to_image.</summary>
    Features,

    /// <summary><c>"classifier"</c>: pooling, optional legacy LayerNorm, then a linear head.</summary>
    Classifier,
}
