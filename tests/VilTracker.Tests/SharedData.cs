namespace VilTracker.Tests;

/// <summary>
/// Locates the read-only reference folder <c>../shared</c>: walks up from the test binaries to the folder holding
/// <c>VilTracker.slnx</c>, then takes the nearest <c>shared</c> folder beside it or beside one of its parents
/// (a git worktree such as <c>/work/wt/name</c> sits one level deeper than <c>/work/main</c>).
/// </summary>
internal static class SharedData
{
    /// <summary>Absolute path of the shared folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the shared folder.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(System.IO.Path.Combine(repo.FullName, "VilTracker.slnx"))) repo = repo.Parent;
        if (repo is null) throw new DirectoryNotFoundException("VilTracker.slnx not found above " + AppContext.BaseDirectory);
        for (var dir = repo.Parent; dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No 'shared' folder beside {repo.FullName} or its parents.");
    }
}
