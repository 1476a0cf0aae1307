namespace VilTracker.Vil;

/// <summary>
/// How a token sequence is made of consecutive image grids: one grid for a plain ViL, or e.g. [template grid ;
/// search grid] for the tracker. A 2-D convolution runs on each grid separately and never mixes two grids.
/// A single <see cref="TokenGrid"/> converts implicitly to a one-segment layout.
/// </summary>
public sealed record TokenLayout
{
    /// <summary>Creates a layout of the given grids, in sequence order.</summary>
    public TokenLayout(params TokenGrid[] segments)
    {
        if (segments.Length == 0)
            throw new ArgumentException("A token layout needs at least one grid.");
        Segments = segments;
    }

    /// <summary>The grids, in sequence order.</summary>
    public IReadOnlyList<TokenGrid> Segments { get; }

    /// <summary>Total number of tokens.</summary>
    public int Count => Segments.Sum(s => s.Count);

    /// <summary>
    /// The layout of the reversed sequence: the segments in reverse order, each grid keeping its height and width
    /// (reversing a row-major grid is a 180° rotation of the image, which has the same shape).
    /// </summary>
    public TokenLayout Reversed() => new(Segments.Reverse().ToArray());

    /// <summary>A one-grid layout.</summary>
    public static implicit operator TokenLayout(TokenGrid grid) => new(grid);

    /// <summary>Throws when a sequence of <paramref name="tokens"/> tokens does not fit this layout.</summary>
    public void EnsureHolds(long tokens, string where)
    {
        foreach (var segment in Segments)
            segment.EnsureHolds(segment.Count, where);
        if (tokens != Count)
            throw new ArgumentException(
                $"{where}: the sequence has {tokens} tokens but the layout [{this}] holds {Count}; " +
                "run the module on the layout the tokens come from.");
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ; ", Segments);

    /// <inheritdoc />
    public bool Equals(TokenLayout? other) => other is not null && Segments.SequenceEqual(other.Segments);

    /// <inheritdoc />
    public override int GetHashCode() => Segments.Aggregate(0, HashCode.Combine);
}
