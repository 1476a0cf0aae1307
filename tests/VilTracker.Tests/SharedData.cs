namespace VilTracker.Tests;

/// <summary>Locates the repository root and the read-only <c>../shared</c> folder beside it.</summary>
internal static class SharedData
{
    /// <summary>The folder holding <c>VilTracker.slnx</c>.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The shared reference folder: <c>../shared</c> from the repository root, or for a git worktree nested deeper
    /// (e.g. <c>/work/wt/name</c>) the nearest <c>shared</c> folder beside one of the root's ancestors.
    /// </summary>
    public static string Root { get; } = FindShared();

    /// <summary>A path below the shared folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VilTracker.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No VilTracker.slnx above {AppContext.BaseDirectory}.");
    }

    private static string FindShared()
    {
        for (var up = new DirectoryInfo(RepoRoot).Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No 'shared' folder beside {RepoRoot} or its ancestors.");
    }
}
