namespace VilTracker.Data;

/// <summary>Finds the image files of a sequence folder, in natural order (<c>2.jpg</c> before <c>10.jpg</c>).</summary>
public static class FrameFiles
{
    /// <summary>File extensions accepted as frames (lower case, with the dot).</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp" };

    /// <summary>
    /// True when <paramref name="path"/> has an image extension and is not a hidden file (names starting with
    /// <c>.</c>, such as the <c>._000001.jpg</c> metadata files macOS leaves in archives).
    /// </summary>
    public static bool IsImage(string path) =>
        ImageExtensions.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.');

    /// <summary>Full paths of the image files directly inside <paramref name="folder"/>, naturally sorted.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no image file.</exception>
    public static IReadOnlyList<string> List(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Frame folder not found: {folder}");
        var frames = Directory.EnumerateFiles(folder).Where(IsImage).Order(PathNameComparer).ToArray();
        if (frames.Length == 0)
            throw new InvalidDataException($"No image files ({string.Join(", ", ImageExtensions)}) in frame folder {folder}.");
        return frames;
    }

    /// <summary>True when <paramref name="folder"/> exists and directly holds at least one image file.</summary>
    public static bool HasImages(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(IsImage);

    private static readonly IComparer<string> PathNameComparer =
        Comparer<string>.Create((a, b) => NaturalComparer.Instance.Compare(Path.GetFileName(a), Path.GetFileName(b)));
}
