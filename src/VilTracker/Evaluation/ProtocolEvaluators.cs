using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>Creates the evaluator of a protocol.</summary>
public static class ProtocolEvaluators
{
    /// <summary>The evaluator for <paramref name="protocol"/>.</summary>
    public static IProtocolEvaluator Create(EvaluationProtocol protocol) => protocol switch
    {
        EvaluationProtocol.Pytracking => new PytrackingEvaluator(),
        EvaluationProtocol.Pysot => new PysotEvaluator(),
        EvaluationProtocol.Got10k => new Got10kEvaluator(),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown evaluation protocol."),
    };

    internal static IReadOnlyList<Box> FirstRun(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs) =>
        runs.Count > 0
            ? runs[0]
            : throw new ArgumentException($"Sequence '{sequence.Name}': no predicted run was given.", nameof(runs));
}
