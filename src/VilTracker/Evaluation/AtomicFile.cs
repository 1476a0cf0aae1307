using System.Text;

namespace VilTracker.Evaluation;

/// <summary>Writes files atomically: to a temporary file in the same folder, then renamed over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically, creating the folder.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating the folder.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
