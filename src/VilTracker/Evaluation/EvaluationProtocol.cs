namespace VilTracker.Evaluation;

/// <summary>
/// Which reference toolkit's metric definitions an evaluation reproduces (REFERENCE-SPEC part B).
/// </summary>
public enum EvaluationProtocol
{
    /// <summary>pytracking / OSTrack <c>extract_results.py</c> + <c>plot_results.py</c> (B4). The default.</summary>
    Pytracking,

    /// <summary>pysot-toolkit (StrangerZhang) <c>OPEBenchmark</c> (B2).</summary>
    Pysot,

    /// <summary>got-10k toolkit experiments: OTB-style, UAV123, LaSOT and GOT-10k (B3).</summary>
    Got10k,
}

/// <summary>Parsing of the protocol names used on the command line and in reports.</summary>
public static class EvaluationProtocols
{
    /// <summary>The lower-case name of <paramref name="protocol"/> (<c>pytracking</c>, <c>pysot</c>, <c>got10k</c>).</summary>
    public static string Name(this EvaluationProtocol protocol) => protocol switch
    {
        EvaluationProtocol.Pytracking => "pytracking",
        EvaluationProtocol.Pysot => "pysot",
        EvaluationProtocol.Got10k => "got10k",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown evaluation protocol."),
    };

    /// <summary>Parses <c>pytracking</c>, <c>pysot</c> or <c>got10k</c> (case-insensitive; <c>got-10k</c> accepted).</summary>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static EvaluationProtocol Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "pytracking" => EvaluationProtocol.Pytracking,
        "pysot" => EvaluationProtocol.Pysot,
        "got10k" or "got-10k" => EvaluationProtocol.Got10k,
        _ => throw new ArgumentException(
            $"Unknown evaluation protocol '{name}': use pytracking (default), pysot or got10k.", nameof(name)),
    };
}
