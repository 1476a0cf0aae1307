namespace VilTracker.Imaging;

/// <summary>A frame of a source could not be decoded and the policy was <see cref="BadFramePolicy.Stop"/>.</summary>
public sealed class BadFrameException : Exception
{
    /// <summary>Creates the exception for <paramref name="frame"/>, whose <see cref="SourceFrame.Error"/> becomes the inner exception.</summary>
    public BadFrameException(SourceFrame frame, string sourceDescription)
        : base($"Cannot decode {frame.Where} of {sourceDescription}: {frame.Error?.Message} " +
               "Replace or remove the file, or choose the skip policy to continue past bad frames.", frame.Error)
    {
        Index = frame.Index;
        FramePath = frame.Path;
    }

    /// <summary>0-based index of the bad frame.</summary>
    public int Index { get; }

    /// <summary>The bad frame's file, where the source has one per frame.</summary>
    public string? FramePath { get; }
}
