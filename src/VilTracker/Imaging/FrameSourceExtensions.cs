namespace VilTracker.Imaging;

/// <summary>Reading an <see cref="IFrameSource"/> under a <see cref="BadFramePolicy"/>.</summary>
public static class FrameSourceExtensions
{
    /// <summary>
    /// The source's frames in order. A frame that cannot be decoded stops the enumeration with a
    /// <see cref="BadFrameException"/> (<see cref="BadFramePolicy.Stop"/>), or is passed to <paramref name="onSkipped"/>
    /// and left out (<see cref="BadFramePolicy.Skip"/>). Every yielded item has a non-null <see cref="SourceFrame.Frame"/>.
    /// </summary>
    public static IEnumerable<SourceFrame> ReadFrames(this IFrameSource source, BadFramePolicy policy, Action<SourceFrame>? onSkipped = null)
    {
        foreach (var item in source.Read())
        {
            if (item.IsGood)
            {
                yield return item;
                continue;
            }
            if (policy == BadFramePolicy.Stop)
                throw new BadFrameException(item, source.Description);
            onSkipped?.Invoke(item);
        }
    }
}
