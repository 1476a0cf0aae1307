namespace VilTracker.Vil;

/// <summary>
/// The 2-D patch grid a token sequence lives on: <see cref="Height"/> rows of <see cref="Width"/> tokens,
/// flattened row-major (token index <c>t = row * Width + column</c>), as in the official ViL.
/// </summary>
/// <param name="Height">Number of patch rows (at least 1).</param>
/// <param name="Width">Number of patch columns (at least 1).</param>
public readonly record struct TokenGrid(int Height, int Width)
{
    /// <summary>Number of tokens on the grid (<c>Height * Width</c>).</summary>
    public int Count => Height * Width;

    /// <summary>Throws when a sequence of <paramref name="tokens"/> tokens cannot live on this grid.</summary>
    /// <param name="tokens">Sequence length of the tensor about to be reshaped to the grid.</param>
    /// <param name="where">Name of the caller, quoted in the message.</param>
    public void EnsureHolds(long tokens, string where)
    {
        if (Height < 1 || Width < 1)
            throw new ArgumentException($"{where}: token grid {Height}x{Width} is empty; give a grid of at least 1x1.");
        if (tokens != Count)
            throw new ArgumentException(
                $"{where}: the sequence has {tokens} tokens but the grid is {Height}x{Width} = {Count} tokens; " +
                "run the module on the grid the tokens come from (pass that grid to the forward overload or the constructor).");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Height}x{Width}";
}
