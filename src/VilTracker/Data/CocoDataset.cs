using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VilTracker.Geometry;

namespace VilTracker.Data;

/// <summary>
/// COCO instances (<c>annotations/instances_{split}.json</c> + images in <c>{split}/</c>) as static
/// pseudo-sequences for tracker training: one sequence per non-crowd annotation whose box is at least
/// <see cref="MinSide"/> pixels wide and high, made of the same image repeated <see cref="FrameCount"/> times
/// with the same box. Sequence names are <c>coco_{annotation id}</c>. Layout name <c>coco</c>.
/// </summary>
public sealed class CocoDataset : SequenceDataset
{
    private readonly IReadOnlyDictionary<string, (string Image, Box Box)> entries;

    /// <summary>Reads the annotation file and keeps the usable annotations.</summary>
    /// <param name="annotationFile">An <c>instances_*.json</c> file.</param>
    /// <param name="imageFolder">Folder of its images; default: <c>{split}/</c> (or <c>images/{split}/</c>) beside the <c>annotations/</c> folder.</param>
    /// <param name="minSide">Smallest width and height, in pixels, of a usable box.</param>
    /// <param name="frameCount">Frames per pseudo-sequence (e.g. 2: template and search).</param>
    /// <exception cref="FileNotFoundException">The annotation file is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">The image folder is missing.</exception>
    /// <exception cref="InvalidDataException">The JSON is malformed or an annotation is inconsistent.</exception>
    public CocoDataset(string annotationFile, string? imageFolder = null, double minSide = 8, int frameCount = 2)
        : this(Read(Path.GetFullPath(annotationFile), imageFolder, minSide), Path.GetFullPath(annotationFile), minSide, frameCount)
    {
    }

    private CocoDataset(IReadOnlyList<(string Name, string Image, Box Box)> usable, string annotationFile, double minSide, int frameCount)
        : base(DatasetFormats.Coco, annotationFile, usable.Select(u => u.Name).ToArray())
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        entries = usable.ToDictionary(u => u.Name, u => (u.Image, u.Box), StringComparer.Ordinal);
        MinSide = minSide;
        FrameCount = frameCount;
    }

    /// <summary>Smallest width and height, in pixels, of a usable annotation box.</summary>
    public double MinSide { get; }

    /// <summary>Frames (copies of the one image) per pseudo-sequence.</summary>
    public int FrameCount { get; }

    /// <summary>The <c>instances_*.json</c> files in <c>{root}/annotations/</c>, train splits first.</summary>
    public static IReadOnlyList<string> FindAnnotationFiles(string root)
    {
        string folder = Path.Combine(root, "annotations");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "instances_*.json")
                .OrderBy(f => Path.GetFileName(f).StartsWith("instances_train", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToArray()
            : [];
    }

    /// <inheritdoc />
    /// <exception cref="FileNotFoundException">The annotation's image file is missing.</exception>
    protected override Sequence LoadKnown(string name)
    {
        var (image, box) = entries[name];
        if (!File.Exists(image))
            throw new FileNotFoundException($"COCO sequence '{name}': its image {image} (listed in {Root}) is missing.", image);
        return new Sequence(name, Name, Enumerable.Repeat(image, FrameCount).ToArray(), Enumerable.Repeat(box, FrameCount).ToArray());
    }

    private static IReadOnlyList<(string, string, Box)> Read(string annotationFile, string? imageFolder, double minSide)
    {
        if (!File.Exists(annotationFile))
            throw new FileNotFoundException($"COCO annotation file not found: {annotationFile}", annotationFile);
        imageFolder = imageFolder is null ? DefaultImageFolder(annotationFile) : Path.GetFullPath(imageFolder);
        RequireFolder(imageFolder, DatasetFormats.Coco);

        CocoFile file;
        try
        {
            using var stream = File.OpenRead(annotationFile);
            file = JsonSerializer.Deserialize<CocoFile>(stream)
                ?? throw new InvalidDataException($"{annotationFile}: the JSON is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{annotationFile}: not a valid COCO instances JSON ({e.Message}).", e);
        }
        if (file.Images is null || file.Annotations is null)
            throw new InvalidDataException($"{annotationFile}: a COCO instances file needs \"images\" and \"annotations\" arrays.");

        var images = new Dictionary<long, string>();
        foreach (var image in file.Images)
        {
            if (string.IsNullOrEmpty(image.FileName))
                throw new InvalidDataException($"{annotationFile}: image {image.Id} has no \"file_name\".");
            images[image.Id] = Path.Combine(imageFolder, image.FileName);
        }

        var usable = new List<(string, string, Box)>();
        foreach (var annotation in file.Annotations)
        {
            if (annotation.Bbox is not { Length: 4 } b)
                throw new InvalidDataException($"{annotationFile}: annotation {annotation.Id} needs a \"bbox\" of 4 numbers [x,y,w,h].");
            if (!images.TryGetValue(annotation.ImageId, out string? path))
                throw new InvalidDataException($"{annotationFile}: annotation {annotation.Id} refers to image {annotation.ImageId}, which is not in \"images\".");
            var box = new Box(b[0], b[1], b[2], b[3]);
            if (annotation.IsCrowd == 0 && box.IsFinite && box.W >= minSide && box.H >= minSide)
                usable.Add(("coco_" + annotation.Id.ToString(CultureInfo.InvariantCulture), path, box));
        }
        return usable.Count > 0
            ? usable
            : throw new InvalidDataException($"{annotationFile}: no non-crowd annotation with a box of at least {minSide} px per side.");
    }

    private static string DefaultImageFolder(string annotationFile)
    {
        string stem = Path.GetFileNameWithoutExtension(annotationFile);
        string split = stem.StartsWith("instances_", StringComparison.Ordinal) ? stem["instances_".Length..] : stem;
        string root = Path.GetDirectoryName(Path.GetDirectoryName(annotationFile))!;
        string[] candidates = [Path.Combine(root, split), Path.Combine(root, "images", split)];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException(
                $"COCO image folder for {annotationFile} not found (looked for {string.Join(" and ", candidates)}); pass the image folder.");
    }

    private sealed record CocoFile(
        [property: JsonPropertyName("images")] List<CocoImage>? Images,
        [property: JsonPropertyName("annotations")] List<CocoAnnotation>? Annotations);

    private sealed record CocoImage(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("file_name")] string? FileName);

    private sealed record CocoAnnotation(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("image_id")] long ImageId,
        [property: JsonPropertyName("bbox")] double[]? Bbox,
        [property: JsonPropertyName("iscrowd")] int IsCrowd);
}
