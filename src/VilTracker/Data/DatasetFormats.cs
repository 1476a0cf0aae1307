namespace VilTracker.Data;

/// <summary>
/// The dataset layout names (the values of <see cref="Sequence.Dataset"/>) and <see cref="Open"/>,
/// which picks the reader for a folder from its layout when the format is not given.
/// </summary>
public static class DatasetFormats
{
    /// <summary>Folder of sequence folders with <c>groundtruth.txt</c> + <c>img/</c>, or one such folder.</summary>
    public const string Generic = "generic";

    /// <summary>Every format name <see cref="Open"/> accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [Generic];

    /// <summary>
    /// Opens the dataset at <paramref name="path"/> with the reader for <paramref name="format"/>, or,
    /// when it is null or empty, with the reader whose layout the folder matches.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    /// <exception cref="ArgumentException">The format is unknown, or no layout matches; the message lists the accepted formats.</exception>
    public static ISequenceDataset Open(string path, string? format = null)
    {
        string full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full))
            throw new DirectoryNotFoundException($"Dataset path not found: {full}");
        string chosen = string.IsNullOrWhiteSpace(format) ? Detect(full) : format.Trim().ToLowerInvariant();
        return chosen switch
        {
            Generic => new GenericFolderDataset(full),
            _ => throw new ArgumentException(
                $"Unknown dataset format '{format}'. Accepted formats: {string.Join(", ", All)}.", nameof(format)),
        };
    }

    /// <summary>The format whose layout <paramref name="path"/> matches.</summary>
    /// <exception cref="ArgumentException">No layout matches; the message lists the accepted formats and their layouts.</exception>
    public static string Detect(string path)
    {
        if (Directory.Exists(path))
        {
            if (GenericFolderDataset.IsSequenceFolder(path)
                || Directory.EnumerateDirectories(path).Any(GenericFolderDataset.IsSequenceFolder))
                return Generic;
        }
        throw new ArgumentException(
            $"Cannot tell the dataset format of {path} from its layout. Pass one of: {string.Join(", ", All)}. "
            + "generic = {seq}/img/*.jpg + {seq}/groundtruth.txt.", nameof(path));
    }
}
