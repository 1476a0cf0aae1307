namespace VilTracker.Tests;

/// <summary>Locates the read-only reference folder <c>../shared</c> next to the repository root.</summary>
internal static class SharedData
{
    /// <summary>Absolute path of <c>../shared</c>, found by walking up to the folder holding <c>VilTracker.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the shared folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VilTracker.slnx")))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
        throw new DirectoryNotFoundException("VilTracker.slnx not found above " + AppContext.BaseDirectory);
    }
}
