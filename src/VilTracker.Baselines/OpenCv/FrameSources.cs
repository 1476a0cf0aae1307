using System.Globalization;
using VilTracker.Imaging;

namespace VilTracker.Baselines.OpenCv;

/// <summary>Opens the right <see cref="IFrameSource"/> for a command-line input.</summary>
public static class FrameSources
{
    /// <summary>
    /// Opens <paramref name="input"/>: an existing folder reads its images (<see cref="FolderFrameSource"/>), an
    /// existing file is read as a video, a non-negative integer is a camera index, and a URL (<c>scheme://...</c>) is a stream.
    /// </summary>
    /// <exception cref="FileNotFoundException">The input is none of these.</exception>
    public static IFrameSource Open(string input)
    {
        if (Directory.Exists(input))
            return new FolderFrameSource(input);
        if (File.Exists(input))
            return VideoFrameSource.OpenFile(input);
        if (int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out int camera))
            return VideoFrameSource.OpenCamera(camera);
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && !uri.IsFile)
            return VideoFrameSource.OpenStream(input);
        throw new FileNotFoundException(
            $"Input '{input}' is not an existing folder of images, an existing video file, a camera index (0, 1, ...) or a stream URL (rtsp://..., http://...).", input);
    }
}
