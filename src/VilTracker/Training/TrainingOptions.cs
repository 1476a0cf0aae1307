using System.Text.Json.Serialization;

namespace VilTracker.Training;

/// <summary>
/// The recipe of a training run (saved in every checkpoint's <c>state.json</c>; a resumed run uses the saved recipe).
/// Phase 1 trains from scratch with focal + GIoU + L1 + size + uncertainty NLL, switching FiLM on at
/// <see cref="FilmStartEpoch"/>; phase 2 fine-tunes a phase-1 model with the shared experts frozen, FiLM always on,
/// the memory contrastive loss and, with a teacher, distillation.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>1 (from scratch) or 2 (fine-tuning).</summary>
    [JsonPropertyName("phase")] public int Phase { get; init; } = 1;

    /// <summary>Run seed: model initialisation, samples and per-step torch seeds derive from it.</summary>
    [JsonPropertyName("seed")] public ulong Seed { get; init; } = 1;

    /// <summary>Samples per step.</summary>
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 8;

    /// <summary>Steps per epoch (epochs drive the curriculum and the FiLM switch).</summary>
    [JsonPropertyName("steps_per_epoch")] public int StepsPerEpoch { get; init; } = 1000;

    /// <summary>Total optimisation steps.</summary>
    [JsonPropertyName("total_steps")] public long TotalSteps { get; init; } = 1000;

    /// <summary>Peak learning rate of AdamW.</summary>
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 4e-4;

    /// <summary>Learning rate at the last step.</summary>
    [JsonPropertyName("final_learning_rate")] public double FinalLearningRate { get; init; } = 4e-6;

    /// <summary>Linear warm-up steps.</summary>
    [JsonPropertyName("warmup_steps")] public long WarmupSteps { get; init; } = 100;

    /// <summary>AdamW decoupled weight decay (OSTrack: 1e-4).</summary>
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Gradient norm clip (OSTrack: 0.1).</summary>
    [JsonPropertyName("grad_clip")] public double GradClip { get; init; } = 0.1;

    /// <summary>Difficulty ramp for gap, jitter and the NLL weight.</summary>
    [JsonPropertyName("curriculum")] public Curriculum Curriculum { get; init; } = new();

    /// <summary>Phase 1: first epoch with FiLM modulation on (0: from the start).</summary>
    [JsonPropertyName("film_start_epoch")] public int FilmStartEpoch { get; init; } = 1;

    /// <summary>Weight of the focal loss (OSTrack 1).</summary>
    [JsonPropertyName("focal_weight")] public double FocalWeight { get; init; } = 1.0;

    /// <summary>Weight of the GIoU loss (OSTrack 2).</summary>
    [JsonPropertyName("giou_weight")] public double GiouWeight { get; init; } = 2.0;

    /// <summary>Weight of the L1 loss (OSTrack 5).</summary>
    [JsonPropertyName("l1_weight")] public double L1Weight { get; init; } = 5.0;

    /// <summary>Weight of the log-size loss.</summary>
    [JsonPropertyName("size_weight")] public double SizeWeight { get; init; } = 1.0;

    /// <summary>Weight of the uncertainty NLL at full difficulty (scaled by the curriculum).</summary>
    [JsonPropertyName("nll_weight")] public double NllWeight { get; init; } = 0.5;

    /// <summary>Phase 2: weight of the memory contrastive loss.</summary>
    [JsonPropertyName("contrastive_weight")] public double ContrastiveWeight { get; init; } = 0.5;

    /// <summary>Phase 2: weight of the distillation loss (used only with a teacher).</summary>
    [JsonPropertyName("distillation_weight")] public double DistillationWeight { get; init; } = 1.0;

    /// <summary>Phase 2: teacher model folder for distillation, or null.</summary>
    [JsonPropertyName("teacher")] public string? Teacher { get; init; }

    /// <summary>Learn the loss weights (homoscedastic uncertainty) instead of the fixed weights.</summary>
    [JsonPropertyName("adaptive_weighting")] public bool AdaptiveWeighting { get; init; }

    /// <summary>Write a checkpoint every this many steps (0: only at the end).</summary>
    [JsonPropertyName("checkpoint_every")] public long CheckpointEvery { get; init; } = 500;

    /// <summary>Colour/grayscale/blur augmentation on.</summary>
    [JsonPropertyName("augment")] public bool Augment { get; init; } = true;

    /// <summary>Phase 1: official ViL weights (safetensors) the backbone starts from, or null for a random start.</summary>
    [JsonPropertyName("backbone_weights")] public string? BackboneWeights { get; init; }

    /// <summary>Batches prepared ahead on background threads.</summary>
    [JsonPropertyName("prefetch")] public int Prefetch { get; init; } = 2;

    /// <summary>Checks the values; throws naming the bad one.</summary>
    public TrainingOptions Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"Training options: {message}");
        }
        Require(Phase is 1 or 2, $"phase {Phase} must be 1 or 2.");
        Require(BatchSize >= 1, $"batch size {BatchSize} must be at least 1.");
        Require(Phase == 1 || BatchSize >= 2, "phase 2 needs a batch of at least 2 (the contrastive loss uses the other samples as negatives).");
        Require(StepsPerEpoch >= 1, $"steps per epoch {StepsPerEpoch} must be at least 1.");
        Require(TotalSteps >= 1, $"total steps {TotalSteps} must be at least 1.");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"learning rate {LearningRate} must be positive.");
        Require(WarmupSteps >= 0 && WarmupSteps <= TotalSteps, $"warm-up {WarmupSteps} must lie in 0..total steps ({TotalSteps}).");
        Require(GradClip > 0, $"gradient clip {GradClip} must be positive.");
        Require(CheckpointEvery >= 0, $"checkpoint interval {CheckpointEvery} must not be negative.");
        return this;
    }

    /// <summary>The learning-rate schedule of this recipe.</summary>
    [JsonIgnore] public WarmupCosineSchedule Schedule => new(LearningRate, WarmupSteps, TotalSteps, FinalLearningRate);
}
