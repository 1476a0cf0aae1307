using VilTracker.Imaging;

namespace VilTracker.Cropping;

/// <summary>A resized square crop of a frame and where it came from.</summary>
/// <param name="Image">The crop, <c>OutputSize x OutputSize</c> RGB.</param>
/// <param name="Window">Its place in the frame (with the resize factor and the box it was centred on).</param>
public sealed record TargetCrop(Frame Image, CropWindow Window);
