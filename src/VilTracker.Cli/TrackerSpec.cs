namespace VilTracker.Cli;

/// <summary>A tracker chosen on the command line: a catalog name and, for trackers that take one, its argument.</summary>
/// <param name="Name">The catalog name, as the catalog spells it.</param>
/// <param name="Argument">The text after the first colon (e.g. a weights file), or null.</param>
public sealed record TrackerSpec(string Name, string? Argument)
{
    /// <summary>
    /// Result folder and report name: the name alone, or <c>name-&lt;argument file name without extension&gt;</c>
    /// so that runs with different weights get different folders.
    /// </summary>
    public string ResultName => Argument is null ? Name : $"{Name}-{Path.GetFileNameWithoutExtension(Argument.TrimEnd('/', '\\'))}";
}
