namespace VilTracker.Training;

/// <summary>What one optimisation step measured (one line of <c>metrics.jsonl</c> / <c>metrics.csv</c>).</summary>
/// <param name="Step">Steps completed after this one (1-based step number).</param>
/// <param name="Epoch">0-based epoch the step belonged to.</param>
/// <param name="Difficulty">Curriculum difficulty used for the step's samples and NLL weight.</param>
/// <param name="LearningRate">Learning rate of the step.</param>
/// <param name="Loss">The back-propagated total.</param>
/// <param name="Terms">Each loss term, unweighted, in the objective's order.</param>
/// <param name="MeanIou">Mean IoU of the decoded boxes with the ground truth.</param>
/// <param name="SamplesPerSecond">Batch size over the step's wall time (including any wait for data).</param>
public sealed record StepMetrics(
    long Step, long Epoch, double Difficulty, double LearningRate, double Loss,
    IReadOnlyDictionary<string, double> Terms, double MeanIou, double SamplesPerSecond);
