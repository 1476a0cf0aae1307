using VilTracker.Data;

namespace VilTracker.Imaging;

/// <summary>
/// The images of one folder as <see cref="FrameFiles"/> lists them (<c>.jpg</c>, <c>.jpeg</c>, <c>.png</c>, <c>.bmp</c>,
/// natural name order: <c>2.jpg</c> before <c>10.jpg</c>), decoded with <see cref="ImageFile"/>.
/// </summary>
public sealed class FolderFrameSource : IFrameSource
{
    /// <summary>Lists the images of <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no image files.</exception>
    public FolderFrameSource(string folder)
    {
        Paths = FrameFiles.List(folder);
        Description = $"image folder '{folder}'";
    }

    /// <summary>The image files in reading order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public int? FrameCount => Paths.Count;

    /// <inheritdoc />
    public IEnumerable<SourceFrame> Read()
    {
        for (int i = 0; i < Paths.Count; i++)
        {
            Frame? frame = null;
            Exception? error = null;
            try
            {
                frame = ImageFile.Load(Paths[i]);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error = e;
            }
            yield return new SourceFrame(i, Paths[i], frame, error);
        }
    }

    /// <summary>Nothing to release: files are opened and closed per frame.</summary>
    public void Dispose()
    {
    }
}
