namespace VilTracker.Vil;

/// <summary>Traversal direction of a ViL sub-block over the row-major token sequence.</summary>
public enum SequenceDirection
{
    /// <summary>Row-wise from the top-left patch (the sequence as given).</summary>
    RowwiseFromTopLeft,

    /// <summary>Row-wise from the bottom-right patch (the sequence reversed, i.e. the grid rotated by 180 degrees).</summary>
    RowwiseFromBotRight,
}
