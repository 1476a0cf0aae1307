using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using VilTracker.Model;
using VilTracker.Training.Losses;
using VilTracker.Training.Sampling;
using static TorchSharp.torch;

namespace VilTracker.Training;

/// <summary>
/// Trains a <see cref="TrackerModel"/> (phase 1 or 2, see <see cref="TrainingOptions"/>): AdamW over the parameters
/// that require gradients, warm-up + cosine learning rate set at every step, gradient-norm clipping, batches
/// prefetched on background threads, metrics appended to the run folder's log, and checkpoints at the configured
/// interval and at the end. Every step reseeds torch from (seed, step) and draws its samples from (seed, step,
/// index), so a run resumed from a checkpoint reproduces the uninterrupted run.
/// </summary>
/// <remarks>
/// No bf16 autocast: TorchSharp 0.107 exposes no autocast API (checked by reflection: no <c>autocast</c> type or
/// method), so training runs in float32.
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly PairSampler sampler;
    private readonly AdamWOptimizer optimizer;
    private readonly Parameter[] trained;
    private readonly TrainingObjective objective;
    private readonly UncertaintyWeighting? weighting;
    private readonly TrackerModel? teacher;
    private readonly MetricsLog log;
    private readonly IReadOnlyList<string> sourceNames;
    private double wallSeconds;

    private Trainer(TrainingOptions options, TrackerModel model, PairSampler sampler, string runFolder, long completedSteps, double wallSeconds)
    {
        Options = options.Validate();
        if (sampler.Seed != options.Seed)
            throw new ArgumentException($"The sampler's seed {sampler.Seed} differs from the run seed {options.Seed}.", nameof(sampler));
        var crops = CropSettings.For(model.Config);
        if (sampler.Crops != crops)
            throw new ArgumentException($"The sampler cuts {sampler.Crops}, but the model takes {crops}.", nameof(sampler));
        Model = model;
        this.sampler = sampler;
        RunFolder = runFolder;
        CompletedSteps = completedSteps;
        this.wallSeconds = wallSeconds;
        sourceNames = sampler.Sources.Select(s => $"{s.Name}@{s.Weight:R}").ToArray();
        model.train();
        if (options.Phase == 2)
        {
            model.FreezeSharedExperts(true);
            model.FilmEnabled = true;
        }
        if (options.Teacher is not null)
        {
            teacher = ModelFolder.Load(options.Teacher);
            if (teacher.Config.SearchSize != model.Config.SearchSize || teacher.Config.TemplateSize != model.Config.TemplateSize
                || teacher.Config.PatchSize != model.Config.PatchSize)
                throw new ArgumentException(
                    $"Teacher {options.Teacher} takes {teacher.Config.TemplateSize}/{teacher.Config.SearchSize} px crops with patch {teacher.Config.PatchSize}; the student needs the same ({model.Config.TemplateSize}/{model.Config.SearchSize}, patch {model.Config.PatchSize}).");
        }
        weighting = options.AdaptiveWeighting ? new UncertaintyWeighting(TrainingObjective.TermsFor(options.Phase, teacher is not null).Count) : null;
        objective = new TrainingObjective(options, teacher is not null, weighting);
        var named = model.named_parameters().Where(p => p.parameter.requires_grad)
            .Concat(weighting?.named_parameters().Select(p => ("loss_weighting." + p.name, p.parameter)) ?? [])
            .ToArray();
        trained = named.Select(p => p.Item2).ToArray();
        optimizer = new AdamWOptimizer(named, options.LearningRate, options.WeightDecay);
        log = new MetricsLog(runFolder, objective.TermNames);
    }

    /// <summary>The recipe.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The model being trained.</summary>
    public TrackerModel Model { get; }

    /// <summary>The run folder (checkpoints, metrics).</summary>
    public string RunFolder { get; }

    /// <summary>Steps completed so far.</summary>
    public long CompletedSteps { get; private set; }

    /// <summary>Steps of this process whose gradients were not finite, so that they changed no weight.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>Training wall time so far (including earlier sessions of a resumed run), in seconds.</summary>
    public double WallSeconds => wallSeconds;

    /// <summary>The metrics of the last step run in this session, or null.</summary>
    public StepMetrics? LastMetrics { get; private set; }

    /// <summary>The loss term names, in log order.</summary>
    public IReadOnlyList<string> TermNames => objective.TermNames;

    /// <summary>
    /// Starts a new run in <paramref name="runFolder"/> with <paramref name="model"/> (freshly built after
    /// <c>torch.manual_seed</c>, or loaded from a phase-1 model folder for phase 2).
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder already holds checkpoints (resume it or choose another folder).</exception>
    public static Trainer Start(TrainingOptions options, TrackerModel model, PairSampler sampler, string runFolder)
    {
        if (TrainingCheckpoint.Latest(runFolder) is { } existing)
            throw new InvalidOperationException($"{runFolder} already holds a run (latest checkpoint {existing}); resume it or choose a new output folder.");
        Directory.CreateDirectory(runFolder);
        foreach (var file in new[] { MetricsLog.JsonFile, MetricsLog.CsvFile })
            File.Delete(Path.Combine(runFolder, file));
        return new Trainer(options, model, sampler, runFolder, 0, 0);
    }

    /// <summary>The recipe and position of the run's latest checkpoint (to build the sampler before <see cref="Resume"/>).</summary>
    /// <exception cref="FileNotFoundException">The folder has no checkpoint.</exception>
    public static (TrainingState State, TrackerModelConfig Config) ReadLatest(string runFolder)
    {
        string checkpoint = TrainingCheckpoint.Latest(runFolder)
            ?? throw new FileNotFoundException($"{runFolder} has no checkpoint to resume ({TrainingCheckpoint.FolderName}/{TrainingCheckpoint.LatestFile} is missing).");
        var state = TrainingState.Load(Path.Combine(checkpoint, TrainingCheckpoint.StateFile));
        var configPath = Path.Combine(checkpoint, ModelFolder.ConfigFile);
        return (state, TrackerModelConfig.FromJson(File.ReadAllText(configPath), configPath));
    }

    /// <summary>
    /// Continues the run in <paramref name="runFolder"/> from its latest checkpoint: model, optimizer, learned
    /// weights and step restored; metrics of later steps dropped. <paramref name="sampler"/> must draw from the
    /// same sources with the saved seed. The restored model (<see cref="Model"/>) belongs to the caller, who disposes it.
    /// </summary>
    public static Trainer Resume(string runFolder, PairSampler sampler)
    {
        var (state, _) = ReadLatest(runFolder);
        string checkpoint = TrainingCheckpoint.Latest(runFolder)!;
        TrainingCheckpoint.RemoveIncomplete(runFolder);
        var model = ModelFolder.Load(checkpoint);
        var trainer = new Trainer(state.Options, model, sampler, runFolder, state.Step, state.WallSeconds);
        if (!trainer.sourceNames.SequenceEqual(state.Sources))
        {
            trainer.Dispose();
            throw new ArgumentException(
                $"The run in {runFolder} was trained on [{string.Join(", ", state.Sources)}] but the resume was given [{string.Join(", ", trainer.sourceNames)}]; pass the same --data/--synthetic arguments.");
        }
        TrainingCheckpoint.LoadOptimizer(checkpoint, trainer.optimizer);
        if (trainer.weighting is not null)
            TrainingCheckpoint.LoadWeighting(checkpoint, trainer.weighting);
        trainer.log.TruncateAfter(state.Step);
        return trainer;
    }

    /// <summary>
    /// Runs steps until <see cref="TrainingOptions.TotalSteps"/> (or <paramref name="stopAfter"/> completed steps,
    /// or cancellation), calling <paramref name="onStep"/> after each. Checkpoints at the interval and at the last step.
    /// </summary>
    public void Run(long? stopAfter = null, Action<StepMetrics>? onStep = null, CancellationToken cancel = default)
    {
        long end = Math.Min(Options.TotalSteps, stopAfter ?? long.MaxValue);
        if (CompletedSteps >= end) return;
        using var prefetcher = new BatchPrefetcher(BuildBatch, CompletedSteps, end, Options.Prefetch);
        while (CompletedSteps < end && !cancel.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            var batch = prefetcher.Next(CompletedSteps);
            var metrics = TrainStep(batch, watch);
            wallSeconds += watch.Elapsed.TotalSeconds;
            CompletedSteps++;
            LastMetrics = metrics;
            log.Append(metrics);
            if (CompletedSteps == Options.TotalSteps || (Options.CheckpointEvery > 0 && CompletedSteps % Options.CheckpointEvery == 0))
                SaveCheckpoint();
            onStep?.Invoke(metrics);
        }
    }

    /// <summary>Writes a checkpoint of the current state and marks it latest; returns its folder.</summary>
    public string SaveCheckpoint()
    {
        var state = new TrainingState
        {
            Step = CompletedSteps, Epoch = CompletedSteps / Options.StepsPerEpoch, Phase = Options.Phase, Seed = Options.Seed,
            Schedule = Options.Schedule, Options = Options, Sources = sourceNames, WallSeconds = wallSeconds,
        };
        return TrainingCheckpoint.Write(RunFolder, state, Model, optimizer, weighting);
    }

    /// <summary>The curriculum difficulty at <paramref name="step"/> (fractional epoch).</summary>
    public double DifficultyAt(long step) => Options.Curriculum.DifficultyAt((double)step / Options.StepsPerEpoch);

    private TrainingBatch BuildBatch(long step)
    {
        var settings = Options.Curriculum.SamplingAt(DifficultyAt(step));
        return new TrainingBatch(step, Enumerable.Range(0, Options.BatchSize).Select(i => sampler.Sample(step, i, settings)).ToArray());
    }

    private StepMetrics TrainStep(TrainingBatch batch, Stopwatch watch)
    {
        using var scope = NewDisposeScope();
        long step = batch.Step;
        manual_seed(SampleSeed.TorchSeed(Options.Seed, step, -1));
        double lr = Options.Schedule.LearningRateAt(step);
        optimizer.LearningRate = lr;
        long epoch = step / Options.StepsPerEpoch;
        double difficulty = DifficultyAt(step);
        Model.FilmEnabled = Options.Phase == 2 || epoch >= Options.FilmStartEpoch;

        var grid = Model.Config.SearchGrid;
        var tensors = batch.ToTensors(grid.Height, grid.Width);
        long b = tensors.Template.shape[0];
        var memory = Model.EmbedAppearance(tensors.Memory.flatten(0, 1)).view(b, 1, -1);
        var output = Model.call(tensors.Template, tensors.Search, memory);
        TrackerOutput? teacherOutput = null;
        if (teacher is not null)
            using (no_grad())
            {
                var teacherMemory = teacher.EmbedAppearance(tensors.Memory.flatten(0, 1)).view(b, 1, -1);
                teacherOutput = teacher.call(tensors.Template, tensors.Search, teacherMemory);
            }
        var loss = objective.Compute(output, tensors, difficulty, teacherOutput);
        optimizer.ZeroGrad();
        loss.Total.backward();
        double norm = nn.utils.clip_grad_norm_(trained, Options.GradClip);
        // A non-finite gradient would reach every weight through the clipping factor and AdamW's moments, so such a
        // step changes nothing. libtorch 2.10's CPU convolution returns NaN input gradients now and then when it
        // runs on two threads (a 3x3 convolution of a (2, 8, 3, 3) input: about 1 backward in 4; none on one thread).
        if (double.IsFinite(norm))
            optimizer.Step();
        else
            SkippedSteps++;

        var terms = loss.Terms.ToDictionary(kv => kv.Key, kv => (double)kv.Value.item<float>());
        double total = loss.Total.item<float>();
        double iou = loss.MeanIou.item<float>();
        return new StepMetrics(step + 1, epoch, difficulty, lr, total, terms, iou, b / Math.Max(1e-9, watch.Elapsed.TotalSeconds));
    }

    /// <summary>Releases the optimizer, the teacher and the learned weights (not the model, which the caller owns).</summary>
    public void Dispose()
    {
        optimizer.Dispose();
        teacher?.Dispose();
        weighting?.Dispose();
    }
}
