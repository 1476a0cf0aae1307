namespace VilTracker.Imaging;

/// <summary>One item read from an <see cref="IFrameSource"/>: a decoded frame, or the reason it could not be decoded.</summary>
/// <param name="Index">0-based position in the source.</param>
/// <param name="Path">The image file it came from, where the source has one per frame; else null.</param>
/// <param name="Frame">The decoded pixels; null when <see cref="Error"/> is set.</param>
/// <param name="Error">Why the frame could not be decoded; null for a good frame.</param>
public sealed record SourceFrame(int Index, string? Path, Frame? Frame, Exception? Error)
{
    /// <summary>True when the frame was decoded.</summary>
    public bool IsGood => Frame is not null;

    /// <summary>Where the frame came from, for messages: <c>frame 12 (path)</c>.</summary>
    public string Where => Path is null ? $"frame {Index}" : $"frame {Index} ({Path})";
}
