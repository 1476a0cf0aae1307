using System.Globalization;
using System.Text;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.IO;

namespace VilTracker.Data.Synthetic;

/// <summary>
/// Writes a generated sequence as a folder in the generic layout that dataset readers, <c>viltrack demo</c> and
/// tests read like real data:
/// <list type="bullet">
/// <item><c>{name}/img/000001.jpg ...</c>: the frames as JPEG (SkiaSharp), numbered from 1;</item>
/// <item><c>{name}/groundtruth.txt</c>: one <c>x,y,w,h</c> line per frame (pixels, invariant culture, see <see cref="SyntheticFrame.TargetBox"/>);</item>
/// <item><c>{name}/visible.txt</c>: one line per frame, <c>1</c> when the target is visible and <c>0</c> when it is fully occluded;</item>
/// <item><c>{name}/synthetic.txt</c>: the seed and options, so the sequence can be regenerated.</item>
/// </list>
/// Every file is written atomically (temporary file, then rename). The ground-truth file is written last, so a
/// folder interrupted mid-way is never mistaken for a complete sequence.
/// </summary>
public static class SyntheticSequenceWriter
{
    /// <summary>Name of the per-frame visibility file (<c>1</c> visible, <c>0</c> fully occluded, one line per frame).</summary>
    public const string VisibilityFileName = "visible.txt";

    /// <summary>Name of the ground-truth file.</summary>
    public const string GroundTruthFileName = "groundtruth.txt";

    /// <summary>Name of the file recording the seed and options.</summary>
    public const string DescriptionFileName = "synthetic.txt";

    /// <summary>
    /// Renders every frame of <paramref name="generator"/> (one at a time) into <c>{parentFolder}/{name}</c> and
    /// returns the written sequence (frame paths, boxes and visibility; dataset <c>generic</c>).
    /// </summary>
    /// <param name="generator">The sequence to write.</param>
    /// <param name="parentFolder">Folder that receives the sequence folder (created if missing).</param>
    /// <param name="name">Sequence folder name: letters, digits, <c>-</c>, <c>_</c> and <c>.</c> only.</param>
    /// <param name="jpegQuality">JPEG quality, 1 to 100.</param>
    /// <param name="overwrite">Replace an existing sequence folder's files; without it an existing non-empty folder is an error.</param>
    /// <exception cref="ArgumentException">The name or quality is invalid.</exception>
    /// <exception cref="IOException">The sequence folder already holds files and <paramref name="overwrite"/> is false.</exception>
    public static Sequence Write(SyntheticSequenceGenerator generator, string parentFolder, string name, int jpegQuality = 90, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentFolder);
        if (string.IsNullOrEmpty(name) || name is "." or ".." || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            throw new ArgumentException($"Sequence name \"{name}\" is invalid: use letters, digits, '-', '_' and '.' only.", nameof(name));
        if (jpegQuality is < 1 or > 100)
            throw new ArgumentException($"JPEG quality {jpegQuality} is invalid: it must be between 1 and 100.", nameof(jpegQuality));

        string folder = Path.GetFullPath(Path.Combine(parentFolder, name));
        string images = Path.Combine(folder, "img");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!overwrite)
                throw new IOException($"Sequence folder {folder} already exists and is not empty; pass overwrite: true to replace it or choose another name.");
            foreach (var file in new[] { GroundTruthFileName, VisibilityFileName, DescriptionFileName })
                File.Delete(Path.Combine(folder, file));
            if (Directory.Exists(images))
                Directory.Delete(images, recursive: true);
        }
        Directory.CreateDirectory(images);

        var paths = new List<string>(generator.FrameCount);
        var boxes = new List<Box>(generator.FrameCount);
        var visible = new List<bool>(generator.FrameCount);
        foreach (var frame in generator.Frames())
        {
            string path = Path.Combine(images, $"{frame.Index + 1:D6}.jpg");
            ImageFile.SaveJpeg(frame.Image, path, jpegQuality);
            paths.Add(path);
            boxes.Add(frame.TargetBox);
            visible.Add(frame.TargetVisible);
        }

        AtomicFile.WriteAllText(Path.Combine(folder, DescriptionFileName),
            $"seed={generator.Seed.ToString(CultureInfo.InvariantCulture)}\n{generator.Options}\n");
        AtomicFile.WriteAllText(Path.Combine(folder, VisibilityFileName), string.Concat(visible.Select(v => v ? "1\n" : "0\n")));
        var groundTruth = new StringBuilder();
        foreach (var box in boxes)
            groundTruth.Append(box.ToString()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, GroundTruthFileName), groundTruth.ToString());
        return new Sequence(name, "generic", paths, boxes, visible);
    }
}
