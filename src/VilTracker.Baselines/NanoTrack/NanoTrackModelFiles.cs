namespace VilTracker.Baselines.NanoTrack;

/// <summary>
/// Where the NanoTrack ONNX models and configs of one version live: a folder laid out as the official repository
/// ships it (<c>nanotrackv2/</c>, <c>nanotrackv3/</c>, <c>config/configvN.yaml</c>).
/// </summary>
/// <param name="Backbone">The backbone ONNX file.</param>
/// <param name="Head">The head ONNX file.</param>
/// <param name="Config">The tracking config YAML.</param>
public sealed record NanoTrackModelFiles(string Backbone, string Head, string Config)
{
    /// <summary>The default model folder, relative to the repository root (the folder holding <c>VilTracker.slnx</c>).</summary>
    public const string DefaultFolderFromRepoRoot = "../shared/models/nanotrack";

    /// <summary>
    /// The files of <paramref name="version"/> inside <paramref name="folder"/>; when <paramref name="folder"/> is null,
    /// inside <see cref="DefaultFolderFromRepoRoot"/>, found by walking up from the working directory and from the
    /// application's folder to the repository root.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder (given or default) does not exist.</exception>
    /// <exception cref="FileNotFoundException">One of the three files is missing.</exception>
    public static NanoTrackModelFiles Locate(NanoTrackVersion version, string? folder = null)
    {
        folder ??= FindDefaultFolder();
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"NanoTrack model folder '{folder}' does not exist; pass the folder that holds nanotrackv2/, nanotrackv3/ and config/.");
        var files = version switch
        {
            NanoTrackVersion.V2 => new NanoTrackModelFiles(
                Path.Combine(folder, "nanotrackv2", "nanotrack_backbone_sim.onnx"),
                Path.Combine(folder, "nanotrackv2", "nanotrack_head_sim.onnx"),
                Path.Combine(folder, "config", "configv2.yaml")),
            NanoTrackVersion.V3 => new NanoTrackModelFiles(
                Path.Combine(folder, "nanotrackv3", "nanotrack_backbone.onnx"),
                Path.Combine(folder, "nanotrackv3", "nanotrack_head.onnx"),
                Path.Combine(folder, "config", "configv3.yaml")),
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown NanoTrack version."),
        };
        foreach (var file in new[] { files.Backbone, files.Head, files.Config })
            if (!File.Exists(file))
                throw new FileNotFoundException($"NanoTrack {version} file '{file}' is missing from model folder '{folder}'.", file);
        return files;
    }

    private static string FindDefaultFolder()
    {
        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "VilTracker.slnx")))
                    continue;
                // The main checkout has ../shared beside it; a git worktree in a sub-folder finds it further up.
                for (var up = dir; up is not null; up = up.Parent)
                {
                    var candidate = Path.GetFullPath(Path.Combine(up.FullName, DefaultFolderFromRepoRoot));
                    if (Directory.Exists(candidate))
                        return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No NanoTrack model folder was given and the default '{DefaultFolderFromRepoRoot}' beside the repository root was not found " +
            $"(searched upward from '{starts[0]}' and '{starts[1]}' for VilTracker.slnx, then upward from it). Pass the folder that holds nanotrackv2/, nanotrackv3/ and config/.");
    }
}
