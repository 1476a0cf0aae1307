namespace VilTracker.Training.Sampling;

/// <summary>One entry of the training mix: named sequences drawn with a relative weight.</summary>
/// <param name="Name">Description for logs and the model card (e.g. <c>generic:/data/sot-dev</c>, <c>synthetic x8</c>).</param>
/// <param name="Sequences">Its sequences (each needs at least one candidate frame).</param>
/// <param name="Weight">Relative probability of drawing a sample from this source (positive).</param>
public sealed record TrainingSource(string Name, IReadOnlyList<ITrainingSequence> Sequences, double Weight = 1.0);
