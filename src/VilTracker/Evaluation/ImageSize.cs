namespace VilTracker.Evaluation;

/// <summary>
/// Width and height in pixels of a sequence's frames. The GOT-10k protocol clips boxes to this bound;
/// the caller reads it from the first frame (evaluation never decodes images).
/// </summary>
/// <param name="Width">Image width in pixels (the toolkit's <c>bound[0]</c>).</param>
/// <param name="Height">Image height in pixels (the toolkit's <c>bound[1]</c>).</param>
public readonly record struct ImageSize(int Width, int Height);
