using System.CommandLine;
using Spectre.Console;
using VilTracker.Model;
using VilTracker.Training;
using VilTracker.Training.Sampling;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Cli.Commands;

/// <summary>
/// <c>viltrack train</c>: trains a tracker model (phase 1 from a preset, phase 2 fine-tuning from a model folder) on
/// any mix of datasets and synthetic sequences, with checkpoints and resume, a progress bar, and at the end exports
/// the model folder (fp16 weights, <c>config.json</c>, model card) to <c>{out}/model</c>.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the <c>train</c> verb.</summary>
    public static Command Create()
    {
        var phase = new Option<int>("--phase") { Description = "1: train from scratch (preset); 2: fine-tune a phase-1 model (--init) with the shared experts frozen.", DefaultValueFactory = _ => 1 };
        var preset = new Option<string>("--preset") { Description = $"Model preset for phase 1: {string.Join(", ", TrackerPresets.All.Keys)}.", DefaultValueFactory = _ => "uav-small" };
        var init = new Option<string?>("--init") { Description = "Model folder to start from (required for phase 2)." };
        var data = new Option<string[]>("--data") { Description = "Dataset DIR[:format][@weight]; repeatable, any mix.", AllowMultipleArgumentsPerToken = false };
        var synthetic = new Option<string[]>("--synthetic") { Description = "N[@weight]: N generated synthetic sequences; repeatable." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (steps = epochs x steps per epoch)." };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Total optimisation steps (overrides --epochs)." };
        var stepsPerEpoch = new Option<int>("--steps-per-epoch") { Description = "Steps per epoch (the curriculum and the FiLM switch count epochs).", DefaultValueFactory = _ => 1000 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per step.", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 4e-4 };
        var output = new Option<string>("--out") { Description = "Run folder: checkpoints/, metrics.jsonl, metrics.csv and the exported model/.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint (same --data/--synthetic; the saved recipe is used)." };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Checkpoint interval in steps (0: only at the end).", DefaultValueFactory = _ => 500 };
        var seed = new Option<ulong>("--seed") { Description = "Run seed.", DefaultValueFactory = _ => 1 };
        var heldOut = new Option<string?>("--held-out") { Description = "Comma-separated sequence names excluded from training." };
        var backbone = new Option<string?>("--backbone-weights") { Description = "Phase 1: start the backbone from official ViL weights (safetensors, official or training-code names; the conv kind follows the weights)." };
        var teacher = new Option<string?>("--teacher") { Description = "Phase 2: teacher model folder to distil from." };
        var adaptive = new Option<bool>("--adaptive-weighting") { Description = "Learn the loss weights (homoscedastic uncertainty) instead of the fixed ones." };
        var filmEpoch = new Option<int>("--film-start-epoch") { Description = "Phase 1: first epoch with FiLM on.", DefaultValueFactory = _ => 1 };
        var rampEpochs = new Option<double>("--curriculum-epochs") { Description = "Epochs over which the curriculum's difficulty (frame gap, jitter, NLL weight) ramps from 0 to 1.", DefaultValueFactory = _ => 10 };
        var noAugment = new Option<bool>("--no-augment") { Description = "Turn off the colour, grayscale and blur augmentation." };
        var warmup = new Option<long?>("--warmup-steps") { Description = "Learning-rate warm-up steps (default: a tenth of the steps, at most 100)." };

        var command = new Command("train", "Train a VilTracker model on datasets and/or synthetic sequences, with checkpoints, resume and model export.");
        foreach (var option in new Option[] { phase, preset, init, data, synthetic, epochs, maxSteps, stepsPerEpoch, batchSize, lr, output, resume, checkpointEvery, seed, heldOut, backbone, teacher, adaptive, filmEpoch, rampEpochs, warmup, noAugment })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            long total = parse.GetValue(maxSteps) ?? (long)(parse.GetValue(epochs) ?? 1) * parse.GetValue(stepsPerEpoch);
            var options = new TrainingOptions
            {
                Phase = parse.GetValue(phase), Seed = parse.GetValue(seed), BatchSize = parse.GetValue(batchSize),
                StepsPerEpoch = parse.GetValue(stepsPerEpoch), TotalSteps = total, LearningRate = parse.GetValue(lr),
                FinalLearningRate = parse.GetValue(lr) / 100, WarmupSteps = parse.GetValue(warmup) ?? Math.Min(100, total / 10),
                Curriculum = new Curriculum(RampEpochs: parse.GetValue(rampEpochs)),
                CheckpointEvery = parse.GetValue(checkpointEvery), Teacher = parse.GetValue(teacher), BackboneWeights = parse.GetValue(backbone),
                AdaptiveWeighting = parse.GetValue(adaptive), Augment = !parse.GetValue(noAugment), FilmStartEpoch = parse.GetValue(filmEpoch),
            };
            var held = (parse.GetValue(heldOut) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            return Run(options, parse.GetValue(preset)!, parse.GetValue(init), parse.GetValue(data) ?? [], parse.GetValue(synthetic) ?? [],
                held, parse.GetValue(output)!, parse.GetValue(resume));
        });
        return command;
    }

    /// <summary>Trains (or resumes) and exports; returns the exit code (0 done, 1 bad input or data, 130 interrupted).</summary>
    public static int Run(TrainingOptions options, string preset, string? init, IReadOnlyList<string> data, IReadOnlyList<string> synthetic,
        IReadOnlySet<string> heldOut, string output, bool resume)
    {
        try
        {
            if (data.Count == 0 && synthetic.Count == 0)
                throw new ArgumentException("Give at least one --data DIR or --synthetic N.");
            Trainer trainer;
            if (resume)
            {
                var (state, config) = Trainer.ReadLatest(output);
                if (state.Step >= state.Options.TotalSteps)
                {
                    AnsiConsole.MarkupLineInterpolated($"{output} is already complete ({state.Step} steps); its model is in {Path.Combine(output, "model")}");
                    return 0;
                }
                var sampler = MakeSampler(config, state.Options, data, synthetic, heldOut);
                trainer = Trainer.Resume(output, sampler);
                AnsiConsole.MarkupLineInterpolated($"resuming {output} at step {trainer.CompletedSteps} of {trainer.Options.TotalSteps}");
            }
            else
            {
                options.Validate();
                if (options.Phase == 2 && init is null)
                    throw new ArgumentException("Phase 2 fine-tunes a phase-1 model: give --init MODELFOLDER.");
                if (options.BackboneWeights is not null && init is not null)
                    throw new ArgumentException("--backbone-weights starts a new model from a preset; it cannot be combined with --init (that model already has its weights).");
                manual_seed(SampleSeed.TorchSeed(options.Seed));
                var model = init is not null ? ModelFolder.Load(init)
                    : options.BackboneWeights is null ? new TrackerModel(TrackerPresets.Get(preset))
                    : FromOfficialBackbone(TrackerPresets.Get(preset), options.BackboneWeights);
                trainer = Trainer.Start(options, model, MakeSampler(model.Config, options, data, synthetic, heldOut), output);
            }
            using (trainer)
            {
                AnsiConsole.MarkupLineInterpolated($"phase {trainer.Options.Phase}, preset {trainer.Model.Config.Preset}, batch {trainer.Options.BatchSize}, {trainer.Options.TotalSteps} steps -> {Path.GetFullPath(output)}");
                using var cancel = new CancellationTokenSource();
                ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
                Console.CancelKeyPress += onCancel;
                try
                {
                    Train(trainer, cancel.Token);
                }
                finally
                {
                    Console.CancelKeyPress -= onCancel;
                }
                if (cancel.IsCancellationRequested)
                {
                    var checkpoint = trainer.SaveCheckpoint();
                    AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted[/] at step {trainer.CompletedSteps}; checkpoint {checkpoint}; continue with --resume");
                    return 130;
                }
                if (trainer.SkippedSteps > 0)
                    AnsiConsole.MarkupLineInterpolated($"[yellow]{trainer.SkippedSteps} step(s) had non-finite gradients and changed no weight[/]");
                Export(trainer, output);
                trainer.Model.Dispose();
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException or KeyNotFoundException or VilWeightsException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return 1;
        }
    }

    private static TrackerModel FromOfficialBackbone(TrackerModelConfig preset, string weights)
    {
        var (model, imported) = OfficialVilImport.CreateFrom(preset, weights);
        AnsiConsole.MarkupLineInterpolated($"backbone: {imported} tensors imported from {weights} (conv {model.Config.ConvKind}, kernel {model.Config.ConvKernelSize})");
        return model;
    }

    private static PairSampler MakeSampler(TrackerModelConfig config, TrainingOptions options, IReadOnlyList<string> data,
        IReadOnlyList<string> synthetic, IReadOnlySet<string> heldOut)
    {
        var sources = TrainingMix.Build(data, synthetic, heldOut, options.Seed);
        foreach (var source in sources)
            AnsiConsole.MarkupLineInterpolated($"data: {source.Name}, weight {source.Weight}");
        return new PairSampler(sources, CropSettings.For(config), options.Augment ? new PhotometricAugmentation() : PhotometricAugmentation.None, options.Seed);
    }

    private static void Train(Trainer trainer, CancellationToken cancel)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting (first batches loading)", maxValue: trainer.Options.TotalSteps);
                task.Value = trainer.CompletedSteps;
                trainer.Run(onStep: m =>
                {
                    task.Description = FormattableString.Invariant($"step {m.Step} loss {m.Loss:F3} iou {m.MeanIou:F2} lr {m.LearningRate:E2} {m.SamplesPerSecond:F1} samples/s");
                    task.Value = m.Step;
                }, cancel: cancel);
            });
    }

    private static void Export(Trainer trainer, string output)
    {
        string folder = Path.Combine(output, "model");
        long parameters = trainer.Model.parameters().Sum(p => p.numel());
        var state = TrainingState.Load(Path.Combine(TrainingCheckpoint.Latest(output)!, TrainingCheckpoint.StateFile));
        var card = TrainingModelCard.Build(trainer.Model.Config, trainer.Options, state.Sources, trainer.CompletedSteps,
            trainer.WallSeconds, trainer.LastMetrics, parameters);
        trainer.Model.FilmEnabled = true;
        ModelFolder.Save(trainer.Model, folder, card);
        AnsiConsole.MarkupLineInterpolated($"[green]exported[/] {Path.GetFullPath(folder)} ({ModelFolder.WeightsFile} fp16, {ModelFolder.ConfigFile}, {ModelFolder.CardFile}); metrics in {Path.Combine(Path.GetFullPath(output), MetricsLog.CsvFile)}");
    }
}
