using VilTracker.Cropping;

namespace VilTracker.Training.Sampling;

/// <summary>
/// Draws training samples from a weighted mix of sources. Sample (step, index) depends only on the run seed, the
/// step, the index and the sampling settings: its random numbers come from a generator seeded with those numbers
/// (<see cref="SampleSeed"/>), so a resumed run draws exactly the samples of an uninterrupted one and the sampler
/// keeps no state. Safe to call from several threads.
/// </summary>
/// <remarks>
/// A sample: pick a source by weight, a sequence uniformly, a template frame uniformly among its candidate frames,
/// a search frame among the candidates at most <see cref="PairSamplingSettings.MaxFrameGap"/> frames away (before
/// or after), and a memory frame among the candidates <em>between</em> the two (ends included). At tracking time the
/// memory holds recent frames between the first (template) frame and the current one, which this mirrors. When a
/// drawn frame turns out unusable (a synthetic frame with the target fully hidden), the whole draw is repeated with
/// the same generator, up to <see cref="MaxAttempts"/> times.
/// </remarks>
public sealed class PairSampler
{
    /// <summary>How many draws are tried before a sample is given up.</summary>
    public const int MaxAttempts = 20;

    private readonly TrainingSource[] sources;
    private readonly ITrainingSequence[][] sequences;
    private readonly double[] cumulativeWeight;

    /// <summary>Builds a sampler over <paramref name="sources"/> (sequences without a candidate frame are left out).</summary>
    /// <exception cref="ArgumentException">No source, a weight that is not positive, or a source without any usable sequence.</exception>
    public PairSampler(IReadOnlyList<TrainingSource> sources, CropSettings crops, PhotometricAugmentation augmentation, ulong seed)
    {
        if (sources.Count == 0)
            throw new ArgumentException("Training needs at least one data source (--data or --synthetic).", nameof(sources));
        this.sources = sources.ToArray();
        sequences = sources.Select(s => s.Sequences.Where(q => q.CandidateFrames.Count > 0).ToArray()).ToArray();
        cumulativeWeight = new double[sources.Count];
        double total = 0;
        for (int i = 0; i < sources.Count; i++)
        {
            if (!(sources[i].Weight > 0) || !double.IsFinite(sources[i].Weight))
                throw new ArgumentException($"Source '{sources[i].Name}' has weight {sources[i].Weight}; weights must be positive.", nameof(sources));
            if (sequences[i].Length == 0)
                throw new ArgumentException($"Source '{sources[i].Name}' has no sequence with a visible, valid box; check its ground truth or leave it out.", nameof(sources));
            total += sources[i].Weight;
            cumulativeWeight[i] = total;
        }
        Crops = crops;
        Augmentation = augmentation;
        Seed = seed;
    }

    /// <summary>Crop sizes and factors.</summary>
    public CropSettings Crops { get; }

    /// <summary>Colour, grayscale and blur augmentation.</summary>
    public PhotometricAugmentation Augmentation { get; }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>The sources, in order.</summary>
    public IReadOnlyList<TrainingSource> Sources => sources;

    /// <summary>Draws sample <paramref name="index"/> of step <paramref name="step"/> with <paramref name="settings"/>.</summary>
    /// <exception cref="InvalidDataException">A frame cannot be decoded (the message names the file).</exception>
    /// <exception cref="InvalidOperationException">No usable frame triple was found in <see cref="MaxAttempts"/> draws.</exception>
    public TrainingSample Sample(long step, int index, PairSamplingSettings settings)
    {
        var random = SampleSeed.RandomFor(Seed, step, index);
        string last = "";
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var sequence = PickSequence(random);
            last = sequence.Name;
            var (t, s, m) = PickFrames(sequence.CandidateFrames, settings.MaxFrameGap, random);
            var template = sequence.Load(t);
            var search = sequence.Load(s);
            var memory = m == t ? template : sequence.Load(m);
            if (!template.Usable || !search.Usable || !memory.Usable)
                continue;
            var templateCrop = TargetCropper.Sample(template.Image, template.Box, Crops.TemplateFactor, Crops.TemplateSize);
            var memoryCrop = TargetCropper.Sample(memory.Image, memory.Box, Crops.TemplateFactor, Crops.TemplateSize);
            var searchCrop = TrainingCrop.Sample(search.Image, search.Box, Crops.SearchFactor, Crops.SearchSize,
                new CropJitter(settings.CenterJitter, settings.ScaleJitter), random);
            var (z, x, mem) = Augmentation.Apply(templateCrop.Image, searchCrop.Crop.Image, memoryCrop.Image, random);
            return new TrainingSample(z, x, mem, searchCrop.Target, sequence.Name, t, s, m);
        }
        throw new InvalidOperationException(
            $"Sample {index} of step {step}: no usable template/search/memory frames in {MaxAttempts} draws (last sequence {last}); the sequences' targets are hidden too often.");
    }

    private ITrainingSequence PickSequence(Random random)
    {
        double u = random.NextDouble() * cumulativeWeight[^1];
        int source = Array.FindIndex(cumulativeWeight, c => u < c);
        if (source < 0) source = cumulativeWeight.Length - 1;
        var list = sequences[source];
        return list[random.Next(list.Length)];
    }

    /// <summary>
    /// Template, search and memory frame indices from the sorted <paramref name="candidates"/>: search within
    /// <paramref name="maxGap"/> of the template, memory between them.
    /// </summary>
    public static (int Template, int Search, int Memory) PickFrames(IReadOnlyList<int> candidates, int maxGap, Random random)
    {
        int gap = Math.Max(0, maxGap);
        int t = candidates[random.Next(candidates.Count)];
        int lo = LowerBound(candidates, t - gap), hi = LowerBound(candidates, t + gap + 1);
        int s = candidates[random.Next(lo, hi)];
        int from = LowerBound(candidates, Math.Min(t, s)), to = LowerBound(candidates, Math.Max(t, s) + 1);
        int m = candidates[random.Next(from, to)];
        return (t, s, m);
    }

    /// <summary>First position in the sorted list whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(IReadOnlyList<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
