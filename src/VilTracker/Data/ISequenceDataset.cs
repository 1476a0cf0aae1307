namespace VilTracker.Data;

/// <summary>A tracking dataset on disk: a list of named sequences, each loaded on demand.</summary>
public interface ISequenceDataset
{
    /// <summary>Layout name, the value every loaded <see cref="Sequence.Dataset"/> carries (e.g. <c>lasot</c>).</summary>
    string Name { get; }

    /// <summary>Folder (or file) the dataset was opened from.</summary>
    string Root { get; }

    /// <summary>Names of all sequences, in the dataset's order.</summary>
    IReadOnlyList<string> SequenceNames { get; }

    /// <summary>Reads one sequence's frame paths, boxes and visibility (images are not decoded).</summary>
    /// <exception cref="KeyNotFoundException">No sequence has that name.</exception>
    /// <exception cref="InvalidDataException">Its files are malformed or do not match.</exception>
    Sequence Load(string name);
}
