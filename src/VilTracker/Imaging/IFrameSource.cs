namespace VilTracker.Imaging;

/// <summary>
/// Frames of one video, image folder, camera or stream, in order. A frame that cannot be decoded is not thrown
/// from the enumeration: it is yielded as a <see cref="SourceFrame"/> with an <see cref="SourceFrame.Error"/>, so the
/// caller decides (see <see cref="FrameSourceExtensions.ReadFrames"/> and <see cref="BadFramePolicy"/>).
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>What is being read (folder, file, camera index or URL), for messages.</summary>
    string Description { get; }

    /// <summary>Total number of frames where known in advance (folders, video files); null for cameras and streams.</summary>
    int? FrameCount { get; }

    /// <summary>Reads the frames from the start, in order; each item carries its 0-based index.</summary>
    IEnumerable<SourceFrame> Read();
}
