using OpenCvSharp;
using VilTracker.Imaging;

namespace VilTracker.Baselines.OpenCv;

/// <summary>
/// Frames of a video file, a camera or a network stream, read with OpenCV's <see cref="VideoCapture"/> (FFmpeg back end)
/// and converted from BGR to RGB.
/// </summary>
public sealed class VideoFrameSource : IFrameSource
{
    private readonly VideoCapture capture;
    private bool started;

    private VideoFrameSource(VideoCapture capture, string description, int? frameCount)
    {
        this.capture = capture;
        Description = description;
        FrameCount = frameCount;
    }

    /// <summary>Opens a video file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">OpenCV cannot open it as a video.</exception>
    public static VideoFrameSource OpenFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Video file '{path}' does not exist.", path);
        var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new InvalidDataException($"Video file '{path}' could not be opened: it is corrupt or in a format this OpenCV/FFmpeg build cannot read.");
        }
        int count = (int)capture.Get(VideoCaptureProperties.FrameCount);
        return new VideoFrameSource(capture, $"video '{path}'", count > 0 ? count : null);
    }

    /// <summary>Opens a camera by its index (0 is the first camera).</summary>
    /// <exception cref="IOException">The camera cannot be opened.</exception>
    public static VideoFrameSource OpenCamera(int index)
    {
        var capture = new VideoCapture(index);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new IOException($"Camera {index} could not be opened: check that it exists (/dev/video{index}) and is not in use.");
        }
        return new VideoFrameSource(capture, $"camera {index}", null);
    }

    /// <summary>Opens a network stream such as <c>rtsp://...</c> or <c>http://...</c>.</summary>
    /// <exception cref="IOException">The stream cannot be opened.</exception>
    public static VideoFrameSource OpenStream(string url)
    {
        var capture = new VideoCapture(url, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new IOException($"Stream '{url}' could not be opened: check the URL and that the server is reachable.");
        }
        return new VideoFrameSource(capture, $"stream '{url}'", null);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    /// <remarks>For video files this is the container's count, which some formats only estimate.</remarks>
    public int? FrameCount { get; }

    /// <summary>Frames per second reported by the source, or null when unknown.</summary>
    public double? FramesPerSecond
    {
        get
        {
            double fps = capture.Get(VideoCaptureProperties.Fps);
            return double.IsFinite(fps) && fps > 0 ? fps : null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A capture reads forward only, so this can be enumerated once. The enumeration ends when OpenCV returns no
    /// more frames; OpenCV does not tell a decode failure from the end of a video.
    /// </remarks>
    public IEnumerable<SourceFrame> Read()
    {
        if (started)
            throw new InvalidOperationException($"{Description} has already been read; open it again to read it from the start.");
        started = true;
        using var image = new Mat();
        for (int index = 0; capture.Read(image) && !image.Empty(); index++)
        {
            Frame? frame = null;
            Exception? error = null;
            try
            {
                frame = FrameMat.ToFrame(image);
            }
            catch (ArgumentException e)
            {
                error = new InvalidDataException($"Frame {index} of {Description} has an unsupported pixel format: {e.Message}", e);
            }
            yield return new SourceFrame(index, null, frame, error);
        }
    }

    /// <summary>Releases the capture.</summary>
    public void Dispose() => capture.Dispose();
}
