namespace VilTracker.Imaging;

/// <summary>
/// Orders strings the way people number files: runs of digits compare by value (<c>img2</c> &lt; <c>img10</c>),
/// everything else ordinally, ignoring case.
/// </summary>
public sealed class NaturalStringComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static NaturalStringComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? a, string? b)
    {
        if (a is null || b is null)
            return a is null ? (b is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int endA = i, endB = j;
                while (endA < a.Length && char.IsAsciiDigit(a[endA])) endA++;
                while (endB < b.Length && char.IsAsciiDigit(b[endB])) endB++;
                var digitsA = a.AsSpan(i, endA - i).TrimStart('0');
                var digitsB = b.AsSpan(j, endB - j).TrimStart('0');
                int byValue = digitsA.Length != digitsB.Length
                    ? digitsA.Length.CompareTo(digitsB.Length)
                    : digitsA.SequenceCompareTo(digitsB);
                if (byValue != 0)
                    return byValue;
                int byPadding = (endA - i).CompareTo(endB - j);
                if (byPadding != 0)
                    return byPadding;
                i = endA;
                j = endB;
                continue;
            }
            int byChar = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[j]));
            if (byChar != 0)
                return byChar;
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
