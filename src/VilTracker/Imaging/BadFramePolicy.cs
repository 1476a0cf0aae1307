namespace VilTracker.Imaging;

/// <summary>What to do when a frame of a source cannot be decoded.</summary>
public enum BadFramePolicy
{
    /// <summary>Stop reading and throw a <see cref="BadFrameException"/> naming the frame.</summary>
    Stop,

    /// <summary>Report the frame and continue with the next one.</summary>
    Skip,
}
