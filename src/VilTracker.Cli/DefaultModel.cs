using VilTracker.Model;

namespace VilTracker.Cli;

/// <summary>
/// The default model bundled with VilTracker: the repository's <c>models/uav-small</c> folder (fp16 weights,
/// <c>config.json</c>, model card), which the build copies beside the <c>viltrack</c> program.
/// </summary>
public static class DefaultModel
{
    /// <summary>Folder of the bundled model relative to the repository root and to the program's folder.</summary>
    public const string RelativeFolder = "models/uav-small";

    /// <summary>The bundled model folder beside the running program.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, RelativeFolder);

    /// <summary>The bundled model folder, checked to hold its weights.</summary>
    /// <exception cref="FileNotFoundException">The program was built without the model (e.g. copied without its <c>models</c> folder).</exception>
    public static string Require()
    {
        string weights = Path.Combine(Folder, ModelFolder.WeightsFile);
        if (!File.Exists(weights))
            throw new FileNotFoundException(
                $"The bundled default model is missing: {weights} does not exist. Rebuild viltrack from the repository (the build copies {RelativeFolder}), " +
                "or give a model folder written by viltrack train with --weights.", weights);
        return Folder;
    }
}
