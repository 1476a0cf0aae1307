using System.Globalization;
using System.Text;
using VilTracker.Model;

namespace VilTracker.Training;

/// <summary>The model card (<c>README.md</c>) of an exported model: data, recipe, steps, wall time, final losses.</summary>
public static class TrainingModelCard
{
    /// <summary>The card's Markdown text.</summary>
    /// <param name="config">The model's configuration.</param>
    /// <param name="options">The training recipe.</param>
    /// <param name="sources">The data sources with their weights.</param>
    /// <param name="steps">Steps completed.</param>
    /// <param name="wallSeconds">Training wall time.</param>
    /// <param name="final">Metrics of the last step (null if none ran in this session).</param>
    /// <param name="parameterCount">Number of model parameters.</param>
    public static string Build(TrackerModelConfig config, TrainingOptions options, IEnumerable<string> sources, long steps,
        double wallSeconds, StepMetrics? final, long parameterCount)
    {
        var c = CultureInfo.InvariantCulture;
        var card = new StringBuilder();
        card.AppendLine($"# VilTracker model: {config.Preset}");
        card.AppendLine();
        card.AppendLine("Single-object tracker for drone video with a Vision-LSTM (ViL) backbone, trained with `viltrack train`.");
        card.AppendLine("Weights: `model.safetensors` (fp16); shape: `config.json`. Load with `ModelFolder.Load`.");
        card.AppendLine();
        card.AppendLine("## Model");
        card.AppendLine(string.Create(c, $"- preset `{config.Preset}`: dim {config.Dim}, {config.Blocks} blocks, template {config.TemplateSize} px, search {config.SearchSize} px, {parameterCount:N0} parameters"));
        card.AppendLine();
        card.AppendLine("## Training data");
        foreach (var source in sources)
            card.AppendLine($"- {source}");
        card.AppendLine();
        card.AppendLine("## Recipe");
        card.AppendLine(string.Create(c, $"- phase {options.Phase}; {steps} of {options.TotalSteps} steps, batch {options.BatchSize}, {options.StepsPerEpoch} steps per epoch, seed {options.Seed}"));
        card.AppendLine(string.Create(c, $"- AdamW, peak lr {options.LearningRate:G4}, weight decay {options.WeightDecay:G4}, warm-up {options.WarmupSteps} steps then cosine to {options.FinalLearningRate:G4}, gradient clip {options.GradClip:G4}"));
        string extra = options.Phase == 2
            ? FormattableString.Invariant($", contrastive {options.ContrastiveWeight:G4}")
              + (options.Teacher is null ? "" : FormattableString.Invariant($", distillation {options.DistillationWeight:G4} from `{options.Teacher}`"))
            : "";
        card.AppendLine(options.AdaptiveWeighting
            ? "- loss weights learned (homoscedastic uncertainty)"
            : FormattableString.Invariant($"- loss weights: focal {options.FocalWeight:G4}, GIoU {options.GiouWeight:G4}, L1 {options.L1Weight:G4}, size {options.SizeWeight:G4}, NLL {options.NllWeight:G4} x difficulty") + extra);
        card.AppendLine(string.Create(c, $"- curriculum: difficulty 0 to 1 over {options.Curriculum.RampEpochs:G4} epochs (frame gap {options.Curriculum.MinFrameGap} to {options.Curriculum.MaxFrameGap})"));
        if (options.BackboneWeights is not null)
            card.AppendLine($"- backbone started from the official ViL weights `{Path.GetFileName(options.BackboneWeights)}` (conv {config.ConvKind}, kernel {config.ConvKernelSize})");
        card.AppendLine(options.Phase == 1 ? $"- FiLM on from epoch {options.FilmStartEpoch}" : "- shared experts frozen, FiLM on");
        card.AppendLine(string.Create(c, $"- wall time {TimeSpan.FromSeconds(wallSeconds):hh\\:mm\\:ss} (float32 on CPU)"));
        card.AppendLine();
        card.AppendLine("## Final losses");
        if (final is null)
            card.AppendLine("- (no step ran)");
        else
        {
            card.AppendLine(string.Create(c, $"- step {final.Step}: total {final.Loss:F4}, mean IoU {final.MeanIou:F3}"));
            foreach (var (name, value) in final.Terms)
                card.AppendLine(string.Create(c, $"- {name}: {value:F4}"));
        }
        card.AppendLine();
        card.AppendLine("The tracking images used for training keep the licences of their original benchmarks (research use).");
        return card.ToString();
    }
}
