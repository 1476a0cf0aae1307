namespace VilTracker.Training.Sampling;

/// <summary>
/// Builds the batches of the coming steps on background threads while the model trains on the current one: a
/// bounded queue of <see cref="Depth"/> batches in flight, each built by one pool thread, handed out in step order.
/// Because a batch depends only on its step, prefetching changes nothing in the result.
/// </summary>
public sealed class BatchPrefetcher : IDisposable
{
    private readonly Func<long, TrainingBatch> build;
    private readonly Queue<(long Step, Task<TrainingBatch> Batch)> pending = new();
    private readonly long endStep;
    private long nextToStart;

    /// <summary>Prefetches the batches of steps <paramref name="firstStep"/> to <paramref name="endStep"/> − 1.</summary>
    /// <param name="build">Builds the batch of a step (called on pool threads).</param>
    /// <param name="firstStep">First step to hand out.</param>
    /// <param name="endStep">One past the last step.</param>
    /// <param name="depth">Batches in flight at once (at least 1).</param>
    public BatchPrefetcher(Func<long, TrainingBatch> build, long firstStep, long endStep, int depth = 2)
    {
        this.build = build;
        this.endStep = endStep;
        nextToStart = firstStep;
        Depth = Math.Max(1, depth);
        Fill();
    }

    /// <summary>Batches built ahead at once.</summary>
    public int Depth { get; }

    /// <summary>The batch of <paramref name="step"/> (must be the next step in order); waits only if it is not ready yet.</summary>
    /// <exception cref="InvalidOperationException">Steps are requested out of order.</exception>
    public TrainingBatch Next(long step)
    {
        if (pending.Count == 0 || pending.Peek().Step != step)
            throw new InvalidOperationException($"Batch of step {step} requested out of order (next prefetched: {(pending.Count > 0 ? pending.Peek().Step : nextToStart)}).");
        var batch = pending.Dequeue().Batch;
        Fill();
        return batch.GetAwaiter().GetResult();
    }

    private void Fill()
    {
        while (pending.Count < Depth && nextToStart < endStep)
        {
            long step = nextToStart++;
            pending.Enqueue((step, Task.Run(() => build(step))));
        }
    }

    /// <summary>Waits for the batches still being built (their results and errors are dropped).</summary>
    public void Dispose()
    {
        foreach (var (_, task) in pending)
            try { task.Wait(); } catch (AggregateException) { }
        pending.Clear();
    }
}
