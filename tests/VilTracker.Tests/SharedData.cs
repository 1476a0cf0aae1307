namespace VilTracker.Tests;

/// <summary>Locates the read-only shared reference folder (<c>../shared</c> next to the repository root).</summary>
public static class SharedData
{
    /// <summary>
    /// Full path of the shared folder: <c>../shared</c> beside the repository root (found by walking up from the test
    /// binaries to <c>VilTracker.slnx</c>); for a git worktree nested deeper (e.g. <c>/work/wt/name</c>) the nearest
    /// <c>shared</c> folder beside one of the root's ancestors.
    /// </summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Full path of <paramref name="relative"/> inside the shared folder.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "VilTracker.slnx")))
                continue;
            for (var up = dir.Parent; up is not null; up = up.Parent)
            {
                string candidate = Path.Combine(up.FullName, "shared");
                if (Directory.Exists(candidate))
                    return candidate;
            }
            throw new DirectoryNotFoundException($"No 'shared' folder beside {dir.FullName} or its ancestors.");
        }
        throw new DirectoryNotFoundException($"No VilTracker.slnx above {AppContext.BaseDirectory}; cannot locate ../shared.");
    }
}
