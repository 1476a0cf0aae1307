namespace VilTracker.Tests.Data;

/// <summary>A temporary folder for generated dataset trees, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates an empty folder under the system temp folder.</summary>
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "viltracker-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> (creating folders) and returns its full path.</summary>
    public string WriteText(string relative, string text)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Creates empty placeholder image files (never decoded) named by <paramref name="nameOf"/> for 1-based indices.</summary>
    public void WriteFrames(string relativeFolder, int first, int last, Func<int, string> nameOf)
    {
        string folder = System.IO.Path.Combine(Path, relativeFolder);
        Directory.CreateDirectory(folder);
        for (int i = first; i <= last; i++)
            File.WriteAllBytes(System.IO.Path.Combine(folder, nameOf(i)), []);
    }

    /// <summary>Ground-truth text with <paramref name="count"/> distinct boxes: line i is <c>i,2i,10,20</c> (i from <paramref name="first"/>).</summary>
    public static string Boxes(int count, int first = 1, string separator = ",") =>
        string.Concat(Enumerable.Range(first, count).Select(i => string.Join(separator, i, 2 * i, 10, 20) + "\n"));

    /// <inheritdoc />
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
