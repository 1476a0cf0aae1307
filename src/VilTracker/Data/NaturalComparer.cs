namespace VilTracker.Data;

/// <summary>
/// Orders strings the way people read them: runs of digits compare by numeric value, so
/// <c>2.jpg</c> comes before <c>10.jpg</c>; other characters compare ordinally.
/// </summary>
public sealed class NaturalComparer : IComparer<string?>
{
    /// <summary>The shared instance.</summary>
    public static NaturalComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int startA = i, startB = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var digitsA = a.AsSpan(startA, i - startA).TrimStart('0');
                var digitsB = b.AsSpan(startB, j - startB).TrimStart('0');
                if (digitsA.Length != digitsB.Length) return digitsA.Length.CompareTo(digitsB.Length);
                int byValue = digitsA.SequenceCompareTo(digitsB);
                if (byValue != 0) return byValue;
                int byPadding = (i - startA).CompareTo(j - startB);
                if (byPadding != 0) return byPadding;
            }
            else
            {
                int byChar = a[i].CompareTo(b[j]);
                if (byChar != 0) return byChar;
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
