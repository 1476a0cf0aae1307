using OpenCvSharp;
using VilTracker.Baselines.OpenCv;
using VilTracker.Imaging;

namespace VilTracker.Baselines.Rendering;

/// <summary>
/// Draws labelled boxes onto frames and writes them as a video with OpenCV's <see cref="VideoWriter"/>.
/// The codec follows the extension: <c>.mp4</c>/<c>.m4v</c>/<c>.mov</c> use MPEG-4 Part 2 (<c>mp4v</c>), <c>.avi</c> uses
/// Motion-JPEG (<c>MJPG</c>). The video is written to a temporary file beside the target and moved into place by
/// <see cref="Finish"/> after checking that it opens with every frame; disposing without finishing deletes it.
/// </summary>
public sealed class VideoRenderer : IDisposable
{
    private readonly string path;
    private readonly string temporaryPath;
    private readonly int width;
    private readonly int height;
    private VideoWriter? writer;

    /// <summary>Opens the writer.</summary>
    /// <param name="path">Output video file (<c>.mp4</c>, <c>.m4v</c>, <c>.mov</c> or <c>.avi</c>).</param>
    /// <param name="width">Frame width in pixels; every written frame must have it.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="framesPerSecond">Playback rate stored in the file.</param>
    /// <exception cref="ArgumentException">The extension is not supported or the rate is not positive.</exception>
    /// <exception cref="IOException">OpenCV cannot open a writer for the file.</exception>
    public VideoRenderer(string path, int width, int height, double framesPerSecond)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var codec = extension switch
        {
            ".mp4" or ".m4v" or ".mov" => FourCC.FromString("mp4v"),
            ".avi" => FourCC.FromString("MJPG"),
            _ => throw new ArgumentException($"Cannot render to '{path}': use a .mp4, .m4v, .mov (MPEG-4) or .avi (Motion-JPEG) file name.", nameof(path)),
        };
        if (!(framesPerSecond > 0) || !double.IsFinite(framesPerSecond))
            throw new ArgumentException($"Frames per second must be positive, got {framesPerSecond}.", nameof(framesPerSecond));
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot render to '{path}': folder '{folder}' does not exist.");
        this.path = full;
        temporaryPath = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{extension}");
        this.width = width;
        this.height = height;
        writer = new VideoWriter(temporaryPath, codec, framesPerSecond, new Size(width, height));
        if (!writer.IsOpened())
        {
            writer.Dispose();
            writer = null;
            File.Delete(temporaryPath);
            throw new IOException($"OpenCV cannot write video '{path}' with codec {codec}: this build lacks the encoder or the folder is not writable.");
        }
    }

    /// <summary>Number of frames written so far.</summary>
    public int FramesWritten { get; private set; }

    /// <summary>Draws <paramref name="overlays"/> onto a copy of <paramref name="frame"/> and appends it to the video.</summary>
    /// <exception cref="ArgumentException">The frame size differs from the size given at construction.</exception>
    public void Write(Frame frame, IReadOnlyList<BoxOverlay> overlays)
    {
        var open = writer ?? throw new InvalidOperationException($"Video '{path}' is already finished.");
        if (frame.Width != width || frame.Height != height)
            throw new ArgumentException($"Frame {FramesWritten} is {frame.Width}x{frame.Height}, but video '{path}' is {width}x{height}.", nameof(frame));
        using var image = FrameMat.ToBgrMat(frame);
        Draw(image, overlays);
        open.Write(image);
        FramesWritten++;
    }

    /// <summary>Closes the video, checks that it opens with <see cref="FramesWritten"/> frames, and moves it to its final path.</summary>
    /// <exception cref="IOException">The written file does not open or has a different frame count.</exception>
    public void Finish()
    {
        var open = writer ?? throw new InvalidOperationException($"Video '{path}' is already finished.");
        open.Release();
        open.Dispose();
        writer = null;
        using (var check = new VideoCapture(temporaryPath))
        {
            int frames = check.IsOpened() ? (int)check.Get(VideoCaptureProperties.FrameCount) : -1;
            if (frames != FramesWritten)
            {
                File.Delete(temporaryPath);
                throw new IOException(frames < 0
                    ? $"The rendered video '{path}' does not open again; nothing was written."
                    : $"The rendered video '{path}' reports {frames} frames but {FramesWritten} were written; nothing was kept.");
            }
        }
        File.Move(temporaryPath, path, overwrite: true);
    }

    /// <summary>Releases the writer; an unfinished video's temporary file is deleted.</summary>
    public void Dispose()
    {
        if (writer is null)
            return;
        writer.Dispose();
        writer = null;
        File.Delete(temporaryPath);
    }

    /// <summary>Draws each box (2 px outline) and its label on a filled strip of the same colour above it.</summary>
    private static void Draw(Mat image, IReadOnlyList<BoxOverlay> overlays)
    {
        foreach (var overlay in overlays)
        {
            if (!overlay.Box.IsFinite)
                continue;
            var colour = new Scalar(overlay.Blue, overlay.Green, overlay.Red);
            var rect = new Rect((int)Math.Round(overlay.Box.X), (int)Math.Round(overlay.Box.Y), (int)Math.Round(overlay.Box.W), (int)Math.Round(overlay.Box.H));
            Cv2.Rectangle(image, rect, colour, 2, LineTypes.AntiAlias);
            if (overlay.Label.Length == 0)
                continue;
            const double fontScale = 0.5;
            var textSize = Cv2.GetTextSize(overlay.Label, HersheyFonts.HersheySimplex, fontScale, 1, out int baseline);
            int top = rect.Y - textSize.Height - baseline - 2 >= 0 ? rect.Y - textSize.Height - baseline - 2 : rect.Bottom;
            var strip = new Rect(rect.X, top, textSize.Width + 4, textSize.Height + baseline + 2);
            Cv2.Rectangle(image, strip, colour, -1);
            bool light = 0.299 * overlay.Red + 0.587 * overlay.Green + 0.114 * overlay.Blue > 128;
            Cv2.PutText(image, overlay.Label, new Point(rect.X + 2, top + textSize.Height + 1), HersheyFonts.HersheySimplex, fontScale,
                light ? Scalar.Black : Scalar.White, 1, LineTypes.AntiAlias);
        }
    }
}
