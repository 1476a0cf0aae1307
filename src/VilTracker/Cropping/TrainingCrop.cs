using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Cropping;

/// <summary>
/// A training crop (OSTrack's <c>jittered_center_crop</c>): cut around a jittered copy of the ground truth, with the
/// ground truth expressed in the crop as the loss and heat-map targets need it.
/// </summary>
/// <param name="Crop">The resized crop and its window (centred on the jittered box).</param>
/// <param name="Target">The ground truth in the crop, normalised (<see cref="CropWindow.NormalizeAsTrainingTarget"/>).</param>
public sealed record TrainingCrop(TargetCrop Crop, NormalizedCenterBox Target)
{
    /// <summary>
    /// Jitters <paramref name="groundTruth"/> with <paramref name="jitter"/>, crops around the result with
    /// <paramref name="factor"/> and <paramref name="outputSize"/>, and expresses the ground truth in the crop.
    /// </summary>
    /// <exception cref="ArgumentException">Bad box, jitter, factor or output size.</exception>
    public static TrainingCrop Sample(Frame frame, Box groundTruth, double factor, int outputSize, CropJitter jitter, Random random)
    {
        Box around = jitter.Apply(groundTruth, random);
        var crop = TargetCropper.Sample(frame, around, factor, outputSize);
        return new TrainingCrop(crop, crop.Window.NormalizeAsTrainingTarget(groundTruth));
    }
}
