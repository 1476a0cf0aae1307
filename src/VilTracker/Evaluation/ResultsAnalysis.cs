using VilTracker.Data;

namespace VilTracker.Evaluation;

/// <summary>
/// Scores existing raw results: a results folder holding one subfolder per tracker (or a single tracker's folder),
/// each with the toolkits' result files (see <see cref="RawResultLayout"/>), against ground-truth sequences.
/// </summary>
public static class ResultsAnalysis
{
    /// <summary>
    /// Evaluates every tracker found under <paramref name="resultsFolder"/> on <paramref name="sequences"/>.
    /// The folder is a single tracker when it directly holds a result for one of the sequences; otherwise every
    /// subfolder is a tracker. Missing results are listed in <see cref="AnalysisReport.Missing"/>; aggregates use the
    /// sequences all trackers have. FPS = timed frames / total seconds from the <c>_time.txt</c> files.
    /// </summary>
    /// <param name="resultsFolder">Folder of tracker folders, or one tracker folder.</param>
    /// <param name="sequences">Ground truth; <c>Sequence.Name</c> is the result file name.</param>
    /// <param name="protocol">Toolkit definitions to reproduce.</param>
    /// <param name="imageSizes">Frame size per sequence name; needed only for GOT-10k sequences under <see cref="EvaluationProtocol.Got10k"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The results folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A result file is malformed or breaks a protocol rule (message names the file), or no sequence has results from every tracker.</exception>
    public static AnalysisReport Analyze(
        string resultsFolder,
        IReadOnlyList<Sequence> sequences,
        EvaluationProtocol protocol = EvaluationProtocol.Pytracking,
        IReadOnlyDictionary<string, ImageSize>? imageSizes = null)
    {
        if (!Directory.Exists(resultsFolder))
            throw new DirectoryNotFoundException($"Results folder not found: {resultsFolder}");
        if (sequences.Count == 0) throw new ArgumentException("No ground-truth sequences were given.", nameof(sequences));
        var duplicate = sequences.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Sequence name '{duplicate.Key}' appears more than once; result files are looked up by name.", nameof(sequences));

        var trackers = DiscoverTrackers(resultsFolder, sequences);
        if (trackers.Count == 0)
            throw new InvalidDataException(
                $"{resultsFolder}: no tracker results found; expected '<sequence>.txt' files in this folder or in one subfolder per tracker.");

        var evaluator = ProtocolEvaluators.Create(protocol);
        var missing = new List<MissingResult>();
        var perTracker = new List<(string Name, Dictionary<string, SequenceMetrics> Metrics)>();
        foreach (var (name, folder) in trackers)
        {
            var metrics = new Dictionary<string, SequenceMetrics>();
            foreach (var sequence in sequences)
            {
                var runFiles = RawResultLayout.FindRunFiles(folder, sequence.Name);
                if (runFiles.Count == 0)
                {
                    missing.Add(new MissingResult(name, sequence.Name, RawResultLayout.FlatResultPath(folder, sequence.Name)));
                    continue;
                }
                metrics[sequence.Name] = EvaluateOne(evaluator, sequence, folder, runFiles, imageSizes);
            }
            perTracker.Add((name, metrics));
        }

        var common = sequences.Where(s => perTracker.All(t => t.Metrics.ContainsKey(s.Name))).Select(s => s.Name).ToList();
        if (common.Count == 0)
            throw new InvalidDataException(
                $"{resultsFolder}: no sequence has results from every tracker; missing: " +
                string.Join("; ", perTracker.Select(t => $"{t.Name} has {t.Metrics.Count}/{sequences.Count}")) + ".");
        var excluded = sequences.Select(s => s.Name).Except(common).ToList();
        var summaries = perTracker
            .Select(t => evaluator.Summarize(t.Name, common.Select(s => t.Metrics[s]).ToList()))
            .ToList();
        return new AnalysisReport(protocol, summaries, missing, sequences.Count, excluded);
    }

    private static SequenceMetrics EvaluateOne(
        IProtocolEvaluator evaluator, Sequence sequence, string folder, IReadOnlyList<string> runFiles,
        IReadOnlyDictionary<string, ImageSize>? imageSizes)
    {
        var runs = runFiles.Select(RawResultFile.ReadBoxes).ToList();
        ImageSize? size = imageSizes is not null && imageSizes.TryGetValue(sequence.Name, out var s) ? s : null;
        SequenceMetrics metrics;
        try
        {
            metrics = evaluator.EvaluateSequence(sequence, runs, size);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{runFiles[0]}: {e.Message}", e);
        }
        string? timeFile = RawResultLayout.FindTimeFile(folder, sequence.Name);
        if (timeFile is null) return metrics;
        var times = RawResultFile.ReadTimes(timeFile);
        return times.Count == 0 ? metrics : metrics with { Timing = new FrameTiming(times.Count, times.Sum()) };
    }

    private static List<(string Name, string Folder)> DiscoverTrackers(string resultsFolder, IReadOnlyList<Sequence> sequences)
    {
        string full = Path.GetFullPath(resultsFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (sequences.Any(s => RawResultLayout.FindRunFiles(full, s.Name).Count > 0))
            return [(Path.GetFileName(full), full)];
        return Directory.EnumerateDirectories(full)
            .Where(d => Directory.EnumerateFiles(d, "*.txt", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), d))
            .ToList();
    }
}
