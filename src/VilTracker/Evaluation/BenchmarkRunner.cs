using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using VilTracker.Data;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Evaluation;

/// <summary>
/// Runs every tracker on every sequence the way the toolkits' one-pass evaluation does (pytracking, pysot and
/// got10k all initialise on the first frame with its ground-truth box and never re-initialise), and writes the raw
/// results in the flat toolkit layout: <c>&lt;out&gt;/&lt;tracker&gt;/&lt;sequence&gt;.txt</c> (line 1 = the init box)
/// and <c>&lt;sequence&gt;_time.txt</c> (line 1 = the initialisation time, then the time of each
/// <see cref="ITracker.Track"/> call; image decoding is not timed, as in pytracking).
/// <para>
/// Resumable: a (tracker, sequence) pair whose box and time files both exist with one line per frame is skipped;
/// each file is written atomically once the sequence is finished, so a crash never leaves a partial result that
/// could pass for a complete one. Pairs run in parallel on <c>workers</c> threads, each with its own fresh tracker
/// instance (disposed after the sequence); frames are decoded one at a time, so memory does not grow with the
/// sequence length.
/// </para>
/// </summary>
public static class BenchmarkRunner
{
    /// <summary>Runs the missing (tracker, sequence) pairs and returns what was done for every pair, trackers in order then sequences.</summary>
    /// <param name="trackers">Trackers to run; names must be distinct and usable as folder names.</param>
    /// <param name="sequences">Sequences to run on; names must be distinct. Frame 1 must have a valid ground-truth box.</param>
    /// <param name="outputFolder">Results root; one subfolder per tracker is created.</param>
    /// <param name="workers">Pairs run at the same time (at least 1).</param>
    /// <param name="progress">Receives one report per tracked frame and one per skipped sequence, from worker threads.</param>
    /// <param name="cancellation">Stops before the next frame; finished sequences stay on disk, the unfinished ones leave no file.</param>
    /// <exception cref="ArgumentException">Bad arguments (no trackers or sequences, duplicate names, workers &lt; 1).</exception>
    /// <exception cref="InvalidDataException">A frame cannot be decoded, or a sequence's first ground-truth box is not a valid box (messages name the sequence and frame).</exception>
    /// <exception cref="InvalidOperationException">A tracker threw; the message names tracker, sequence and frame, the tracker's exception is the inner one.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static IReadOnlyList<BenchmarkJobResult> Run(
        IReadOnlyList<NamedTrackerFactory> trackers,
        IReadOnlyList<Sequence> sequences,
        string outputFolder,
        int workers = 1,
        IProgress<BenchmarkProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        Validate(trackers, sequences, workers);
        var jobs = trackers.SelectMany(t => sequences.Select(s => (Tracker: t, Sequence: s))).ToArray();
        var results = new BenchmarkJobResult[jobs.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        try
        {
            // No buffering: each free worker takes the next pair in order, so trackers finish one after another.
            var order = Partitioner.Create(Enumerable.Range(0, jobs.Length), EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(order, options, i =>
            {
                string folder = Path.Combine(outputFolder, jobs[i].Tracker.Name);
                results[i] = RunOne(jobs[i].Tracker, jobs[i].Sequence, folder, progress, cancellation);
            });
        }
        catch (AggregateException e)
        {
            // Report the first real failure (e.g. a bad frame) rather than the wrapper.
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
        return results;
    }

    /// <summary>
    /// True when <paramref name="trackerFolder"/> holds both the box file and the time file of
    /// <paramref name="sequence"/> with exactly <paramref name="frameCount"/> values each. A file that cannot be
    /// parsed counts as incomplete (it is recomputed).
    /// </summary>
    public static bool HasCompleteResult(string trackerFolder, string sequence, int frameCount)
    {
        string boxes = RawResultLayout.FlatResultPath(trackerFolder, sequence);
        string times = RawResultLayout.FlatTimePath(trackerFolder, sequence);
        if (!File.Exists(boxes) || !File.Exists(times)) return false;
        try
        {
            return RawResultFile.ReadBoxes(boxes).Count == frameCount && RawResultFile.ReadTimes(times).Count == frameCount;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static BenchmarkJobResult RunOne(
        NamedTrackerFactory factory, Sequence sequence, string trackerFolder,
        IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        int n = sequence.FramePaths.Count;
        if (HasCompleteResult(trackerFolder, sequence.Name, n))
        {
            progress?.Report(new BenchmarkProgress(factory.Name, sequence.Name, n, n, Skipped: true));
            return new BenchmarkJobResult(factory.Name, sequence.Name, n, Skipped: true, TrackerSeconds: 0);
        }

        var boxes = new Box[n];
        var seconds = new double[n];
        var clock = new Stopwatch();
        using (var tracker = factory.Create())
        {
            for (int i = 0; i < n; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var frame = Decode(sequence, i);
                clock.Restart();
                try
                {
                    if (i == 0)
                    {
                        tracker.Initialize(frame, sequence.GroundTruth[0]);
                        boxes[0] = sequence.GroundTruth[0];
                    }
                    else
                    {
                        boxes[i] = tracker.Track(frame).Box;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new InvalidOperationException(
                        $"Tracker '{factory.Name}' failed on sequence '{sequence.Name}', frame {i + 1} ({sequence.FramePaths[i]}): {e.Message}", e);
                }
                seconds[i] = clock.Elapsed.TotalSeconds;
                progress?.Report(new BenchmarkProgress(factory.Name, sequence.Name, i + 1, n, Skipped: false));
            }
        }
        // Times first, boxes last: the box file is the last thing to appear, and both are checked before a skip.
        RawResultFile.WriteTimes(RawResultLayout.FlatTimePath(trackerFolder, sequence.Name), seconds);
        RawResultFile.WriteBoxes(RawResultLayout.FlatResultPath(trackerFolder, sequence.Name), boxes);
        return new BenchmarkJobResult(factory.Name, sequence.Name, n, Skipped: false, TrackerSeconds: seconds.Sum());
    }

    private static Frame Decode(Sequence sequence, int index)
    {
        string path = sequence.FramePaths[index];
        try
        {
            return ImageFile.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException(
                $"Sequence '{sequence.Name}', frame {index + 1}: cannot decode '{path}' ({e.Message}). " +
                "Replace the file or leave the sequence out (--sequences); nothing was written for this sequence.", e);
        }
    }

    private static void Validate(IReadOnlyList<NamedTrackerFactory> trackers, IReadOnlyList<Sequence> sequences, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (trackers.Count == 0) throw new ArgumentException("No tracker to run.", nameof(trackers));
        if (sequences.Count == 0) throw new ArgumentException("No sequence to run on.", nameof(sequences));
        var invalid = Path.GetInvalidFileNameChars();
        foreach (var t in trackers)
            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.IndexOfAny(invalid) >= 0 || t.Name is "." or "..")
                throw new ArgumentException($"Tracker name '{t.Name}' cannot be a result folder name.", nameof(trackers));
        string? twice = trackers.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null) throw new ArgumentException($"Tracker '{twice}' is listed twice; each needs its own result folder.", nameof(trackers));
        twice = sequences.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null) throw new ArgumentException($"Sequence '{twice}' is listed twice; result files are named after sequences.", nameof(sequences));
        foreach (var s in sequences)
        {
            if (s.FramePaths.Count == 0 || s.GroundTruth.Count == 0)
                throw new InvalidDataException($"Sequence '{s.Name}' has no frames or no ground truth to initialise on.");
            if (!s.GroundTruth[0].HasPositiveSize)
                throw new InvalidDataException(
                    $"Sequence '{s.Name}', frame 1: ground-truth box {s.GroundTruth[0]} is not a finite box of positive size; " +
                    "the toolkits initialise on frame 1, so this sequence cannot be run. Fix its first annotation or leave it out.");
        }
    }
}
