using System.Text;
using VilTracker.Data;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.IO;

namespace VilTracker.Tracking;

/// <summary>
/// Turns an unlabelled video into training material with a stronger tracker as the teacher: the teacher follows the
/// target from an initial box, and the frames up to the point where it stops being confident are written as a
/// sequence in the generic layout (<c>img/000001.jpg ...</c> and <c>groundtruth.txt</c> with the teacher's boxes), which
/// <c>viltrack train --data</c> reads like any other dataset. The labels are only as good as the teacher: the
/// sequence ends at the first run of <see cref="Settings.Patience"/> frames below <see cref="Settings.MinConfidence"/>,
/// and those frames are not written.
/// </summary>
public static class TeacherLabelling
{
    /// <summary>When to stop trusting the teacher.</summary>
    /// <param name="MinConfidence">Lowest teacher confidence of a labelled frame.</param>
    /// <param name="Patience">Consecutive frames below <paramref name="MinConfidence"/> that end the sequence (at least 1).</param>
    /// <param name="MaxFrames">Most frames to write, the first included.</param>
    /// <param name="JpegQuality">Quality of the written frames, 1 to 100.</param>
    public sealed record Settings(double MinConfidence = 0.5, int Patience = 3, int MaxFrames = int.MaxValue, int JpegQuality = 92);

    /// <summary>
    /// Tracks <paramref name="source"/> with <paramref name="teacher"/> from <paramref name="init"/> and writes the
    /// confident prefix to <c>{parentFolder}/{name}</c>; returns the written sequence. Frames are written as they
    /// come, the ground truth last and atomically, so an interrupted run leaves no sequence a reader would accept.
    /// </summary>
    /// <exception cref="ArgumentException">Bad settings or name, or the initial box is not a box inside the first frame.</exception>
    /// <exception cref="IOException">The sequence folder exists and is not empty.</exception>
    /// <exception cref="BadFrameException">A frame cannot be decoded.</exception>
    /// <exception cref="InvalidDataException">The source has no frame.</exception>
    public static Sequence Write(IFrameSource source, ITracker teacher, Box init, string parentFolder, string name, Settings settings)
    {
        if (!(settings.MinConfidence is >= 0 and <= 1) || settings.Patience < 1 || settings.MaxFrames < 2 || settings.JpegQuality is < 1 or > 100)
            throw new ArgumentException($"Labelling settings {settings} are invalid: confidence in [0, 1], patience >= 1, at least 2 frames, JPEG quality 1 to 100.", nameof(settings));
        if (string.IsNullOrEmpty(name) || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"Sequence name \"{name}\" is invalid: use letters, digits, '-', '_' and '.' only.", nameof(name));
        if (!init.HasPositiveSize)
            throw new ArgumentException($"Initial box {init} needs finite values and a positive width and height.", nameof(init));
        string folder = Path.GetFullPath(Path.Combine(parentFolder, name));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"Sequence folder {folder} already exists and is not empty; choose another --name or remove it.");
        string images = Path.Combine(folder, "img");
        Directory.CreateDirectory(images);

        var boxes = new List<Box>();
        var paths = new List<string>();
        var pending = new List<(Frame Frame, Box Box)>();
        foreach (var item in source.Read())
        {
            var frame = item.Frame ?? throw new BadFrameException(item, source.Description);
            if (boxes.Count == 0 && pending.Count == 0)
            {
                if (init.CenterX < 0 || init.CenterX >= frame.Width || init.CenterY < 0 || init.CenterY >= frame.Height)
                    throw new ArgumentException($"Initial box {init} has its centre outside the first frame ({frame.Width}x{frame.Height}).", nameof(init));
                teacher.Initialize(frame, init);
                Keep(frame, init);
                continue;
            }
            var result = teacher.Track(frame);
            if (result.Confidence >= settings.MinConfidence && result.Box.HasPositiveSize)
            {
                foreach (var (held, box) in pending) Keep(held, box);
                pending.Clear();
                Keep(frame, result.Box);
            }
            else if (pending.Count + 1 >= settings.Patience)
                break;
            else
                pending.Add((frame, result.Box));
            if (boxes.Count >= settings.MaxFrames) break;
        }
        if (boxes.Count == 0)
            throw new InvalidDataException($"{source.Description} has no frame to label.");

        var groundTruth = new StringBuilder();
        foreach (var box in boxes) groundTruth.Append(box.ToString()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, "groundtruth.txt"), groundTruth.ToString());
        return new Sequence(name, "generic", paths, boxes);

        void Keep(Frame frame, Box box)
        {
            if (boxes.Count >= settings.MaxFrames) return;
            string path = Path.Combine(images, $"{boxes.Count + 1:D6}.jpg");
            ImageFile.SaveJpeg(frame, path, settings.JpegQuality);
            paths.Add(path);
            boxes.Add(box);
        }
    }
}
