using VilTracker.Model;
using VilTracker.Training;
using VilTracker.Training.Losses;
using VilTracker.Training.Sampling;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

public class TrainingObjectiveTests
{
    [Fact]
    public void FocalGiouAndL1TermsEqualTheOstrackObjectiveOnTheSameMaps()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var config = TrainingFixtures.TinyModel;
        using var model = new TrackerModel(config);
        model.eval();
        var sampler = TrainingFixtures.SyntheticSampler(config, 4);
        var batch = new TrainingBatch(0, Enumerable.Range(0, 3).Select(i => sampler.Sample(0, i, new PairSamplingSettings(5, 1, 0.1))).ToArray());
        var tensors = batch.ToTensors(8, 8);
        var output = model.call(tensors.Template, tensors.Search, model.EmbedAppearance(tensors.Memory.flatten(0, 1)).view(3, 1, -1));
        var options = new TrainingOptions { Phase = 2, BatchSize = 3 };
        var terms = new TrainingObjective(options, withTeacher: false, weighting: null).Compute(output, tensors, difficulty: 0.5);
        var reference = OstrackLoss.Compute(new CenterMaps(output.Score, output.Size, output.Offset), tensors.TargetXywh);
        Assert.Equal(reference.Focal.item<float>(), terms.Terms["focal"].item<float>(), 5);
        Assert.Equal(reference.Giou.item<float>(), terms.Terms["giou"].item<float>(), 5);
        Assert.Equal(reference.L1.item<float>(), terms.Terms["l1"].item<float>(), 5);
        Assert.Equal(["focal", "giou", "l1", "size", "nll", "contrastive"], terms.Terms.Keys);
        // Fixed total: 1·focal + 2·giou + 5·l1 + 1·size + 0.5·0.5·nll + 0.5·contrastive.
        double expected = terms.Terms["focal"].item<float>() + 2 * terms.Terms["giou"].item<float>() + 5 * terms.Terms["l1"].item<float>()
            + terms.Terms["size"].item<float>() + 0.25 * terms.Terms["nll"].item<float>() + 0.5 * terms.Terms["contrastive"].item<float>();
        Assert.Equal(expected, terms.Total.item<float>(), 3);
    }

    [Fact]
    public void PhaseTwoKeepsTheSharedExpertsFixedAndTrainsTheRest()
    {
        var config = TrainingFixtures.MicroModel;
        string run = TrainingFixtures.TempRunFolder();
        try
        {
            manual_seed(8);
            using var model = new TrackerModel(config);
            Tensor Snapshot(string part) => cat(model.named_parameters().Where(p => p.name.Contains(part)).Select(p => p.parameter.detach().flatten()).ToArray()).clone();
            using var sharedBefore = Snapshot(".shared.");
            using var headBefore = Snapshot("head.");
            var options = new TrainingOptions { Phase = 2, Seed = 8, BatchSize = 2, TotalSteps = 2, WarmupSteps = 0, CheckpointEvery = 0, LearningRate = 1e-3 };
            using (var trainer = Trainer.Start(options, model, TrainingFixtures.SyntheticSampler(config, 8), run))
            {
                trainer.Run();
                Assert.Contains("contrastive", trainer.LastMetrics!.Terms.Keys);
            }
            using var sharedAfter = Snapshot(".shared.");
            using var headAfter = Snapshot("head.");
            Assert.True(sharedBefore.numel() > 0);
            Assert.True(sharedBefore.eq(sharedAfter).all().item<bool>(), "a frozen shared expert changed");
            Assert.False(headBefore.eq(headAfter).all().item<bool>(), "the head did not train");
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }
}
