namespace VilTracker.Tests;

/// <summary>
/// The read-only reference folder <c>../shared</c> beside the repository root (the folder holding
/// <c>VilTracker.slnx</c>), found by walking up from the test assembly's folder.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of the shared folder.</summary>
    public static string Folder => Root.Value;

    /// <summary>Absolute path of <paramref name="parts"/> inside the shared folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>
    /// Walks up to the repository root, then to the first ancestor with a <c>shared</c> folder beside it: for the main
    /// checkout that is the root itself; for a git worktree in a sub-folder (e.g. <c>/work/wt/name</c>) it is further up.
    /// </summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "VilTracker.slnx")))
                continue;
            for (var up = dir; up?.Parent is not null; up = up.Parent)
            {
                var shared = Path.Combine(up.Parent.FullName, "shared");
                if (Directory.Exists(shared))
                    return shared;
            }
            throw new DirectoryNotFoundException($"No 'shared' folder beside the repository root '{dir.FullName}' or any of its parents.");
        }
        throw new DirectoryNotFoundException($"No VilTracker.slnx found above '{AppContext.BaseDirectory}'; cannot locate ../shared.");
    }
}
