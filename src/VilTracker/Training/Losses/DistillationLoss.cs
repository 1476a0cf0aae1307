using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using VilTracker.Tensors;

namespace VilTracker.Training.Losses;

/// <summary>
/// Distillation from a teacher tracker's outputs: binary cross-entropy between temperature-softened score maps,
/// scaled by T² (so gradients keep their size as T changes), plus L1 between the decoded boxes. The teacher is
/// detached.
/// </summary>
public static class DistillationLoss
{
    /// <summary>The loss parts and their weighted sum.</summary>
    /// <param name="Score">T²·BCE of softened maps (scalar).</param>
    /// <param name="Box">L1 between boxes (scalar).</param>
    /// <param name="Total"><c>scoreWeight·Score + boxWeight·Box</c>.</param>
    public sealed record Parts(Tensor Score, Tensor Box, Tensor Total);

    /// <summary>Computes the distillation loss.</summary>
    /// <param name="studentScore">Student score map, probabilities (B, 1, fh, fw).</param>
    /// <param name="teacherScore">Teacher score map, probabilities, same shape.</param>
    /// <param name="studentBoxes">Student boxes (B, 4), any layout.</param>
    /// <param name="teacherBoxes">Teacher boxes (B, 4), same layout.</param>
    /// <param name="temperature">T ≥ 1 softens both maps: <c>sigmoid(logit(p)/T)</c>.</param>
    /// <param name="scoreWeight">Weight of the score part.</param>
    /// <param name="boxWeight">Weight of the box part.</param>
    /// <exception cref="ArgumentException">Shapes differ or T is not positive.</exception>
    public static Parts Compute(Tensor studentScore, Tensor teacherScore, Tensor studentBoxes, Tensor teacherBoxes,
        double temperature = 2.0, double scoreWeight = 1.0, double boxWeight = 1.0)
    {
        if (!studentScore.shape.SequenceEqual(teacherScore.shape) || !studentBoxes.shape.SequenceEqual(teacherBoxes.shape))
            throw new ArgumentException(
                $"Distillation needs matching shapes: scores ({string.Join(", ", studentScore.shape)}) vs ({string.Join(", ", teacherScore.shape)}), boxes ({string.Join(", ", studentBoxes.shape)}) vs ({string.Join(", ", teacherBoxes.shape)}).");
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentException($"Distillation temperature must be positive and finite, got {temperature}.", nameof(temperature));
        using var scope = NewDisposeScope();
        var student = Soften(studentScore, temperature);
        var teacher = Soften(teacherScore.detach(), temperature);
        var score = binary_cross_entropy(student, teacher).Times(temperature * temperature);
        var box = (studentBoxes - teacherBoxes.detach()).abs().mean();
        var total = score.Times(scoreWeight).Plus(box.Times(boxWeight));
        return new Parts(score.MoveToOuterDisposeScope(), box.MoveToOuterDisposeScope(), total.MoveToOuterDisposeScope());
    }

    /// <summary><c>sigmoid(logit(p)/T)</c>, with p kept inside (1e-6, 1 − 1e-6) so the logit is finite.</summary>
    private static Tensor Soften(Tensor probability, double temperature)
    {
        var p = probability.Clamp(1e-6, 1 - 1e-6);
        return (p / p.SubtractedFrom(1)).log().DividedBy(temperature).sigmoid();
    }
}
