using TorchSharp.Modules;
using VilTracker.IO;
using VilTracker.Tensors;
using static TorchSharp.torch;

namespace VilTracker.Training;

/// <summary>
/// AdamW (Adam with decoupled weight decay), step for step the arithmetic of TorchSharp 0.107's <c>optim.AdamW</c>
/// (no amsgrad, no maximise), but with every scalar rooted (<see cref="TensorMath"/>): TorchSharp's own step creates
/// temporary scalars that a garbage collection on the data-loading threads can free in mid-call. A parameter
/// without a gradient is skipped and keeps its step count, as there. The moments and step counts save to and load
/// from a safetensors file keyed by parameter name.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private const string StepMetadataPrefix = "step.";
    private readonly IReadOnlyList<(string Name, Parameter Parameter)> parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;
    private readonly long[] steps;

    /// <summary>Optimises <paramref name="parameters"/> (distinct names) with the given hyper-parameters.</summary>
    /// <exception cref="ArgumentException">Two parameters share a name, or a hyper-parameter is out of range.</exception>
    public AdamWOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double learningRate, double weightDecay,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (parameters.Select(p => p.Name).Distinct().Count() != parameters.Count)
            throw new ArgumentException("AdamW parameters need distinct names.", nameof(parameters));
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1 || !(epsilon > 0) || !(weightDecay >= 0))
            throw new ArgumentException($"AdamW needs 0 <= beta1, beta2 < 1, epsilon > 0 and weight decay >= 0; got {beta1}, {beta2}, {epsilon}, {weightDecay}.");
        this.parameters = parameters;
        LearningRate = learningRate;
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        using var noGrad = no_grad();
        firstMoments = parameters.Select(p => zeros_like(p.Parameter).DetachFromDisposeScope()).ToArray();
        secondMoments = parameters.Select(p => zeros_like(p.Parameter).DetachFromDisposeScope()).ToArray();
        steps = new long[parameters.Count];
    }

    /// <summary>Learning rate of the next <see cref="Step"/>.</summary>
    public double LearningRate { get; set; }

    /// <summary>Decoupled weight decay.</summary>
    public double WeightDecay { get; }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Zeroes every existing gradient in place (as TorchSharp's <c>zero_grad</c>; absent gradients stay absent).</summary>
    public void ZeroGrad()
    {
        foreach (var (_, parameter) in parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One AdamW update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            var parameter = parameters[i].Parameter;
            var grad = parameter.grad;
            if (grad is null) continue;
            long step = ++steps[i];
            parameter.MultiplyInPlace(1 - LearningRate * WeightDecay);
            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            double biasCorrection2 = 1 - Math.Pow(Beta2, step);
            firstMoments[i].MultiplyInPlace(Beta1).AddInPlace(grad, 1 - Beta1);
            secondMoments[i].MultiplyInPlace(Beta2).AddProductInPlace(grad, grad, 1 - Beta2);
            var denominator = secondMoments[i].sqrt().DividedBy(Math.Sqrt(biasCorrection2)).AddInPlace(Epsilon);
            parameter.AddQuotientInPlace(firstMoments[i], denominator, -(LearningRate / biasCorrection1));
        }
    }

    /// <summary>Writes the moments and step counts to <paramref name="path"/> (safetensors, atomically).</summary>
    public void Save(string path)
    {
        var tensors = parameters.SelectMany((p, i) => new[]
        {
            KeyValuePair.Create("exp_avg." + p.Name, firstMoments[i]),
            KeyValuePair.Create("exp_avg_sq." + p.Name, secondMoments[i]),
        }).ToList();
        var metadata = parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => StepMetadataPrefix + x.Name, x => steps[x.i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>Restores the state written by <see cref="Save"/> for the same parameters.</summary>
    /// <exception cref="InvalidDataException">The file lacks a parameter's moments or step count, or a shape differs (names listed).</exception>
    public void Load(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        var problems = new List<string>();
        for (int i = 0; i < parameters.Count; i++)
        {
            string name = parameters[i].Name;
            foreach (var key in new[] { "exp_avg." + name, "exp_avg_sq." + name })
                if (!file.Names.Contains(key))
                    problems.Add($"missing {key}");
                else if (!file.Info(key).Shape.SequenceEqual(parameters[i].Parameter.shape))
                    problems.Add($"{key}: file [{string.Join(", ", file.Info(key).Shape)}] vs parameter [{string.Join(", ", parameters[i].Parameter.shape)}]");
            if (!file.Metadata.TryGetValue(StepMetadataPrefix + name, out var text) || !long.TryParse(text, out _))
                problems.Add($"missing step count of {name}");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: optimizer state does not fit this model ({string.Join("; ", problems.Take(10))}); resume with the model and data it was written for.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            firstMoments[i].copy_(file.Load("exp_avg." + parameters[i].Name));
            secondMoments[i].copy_(file.Load("exp_avg_sq." + parameters[i].Name));
            steps[i] = long.Parse(file.Metadata[StepMetadataPrefix + parameters[i].Name], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Frees the moments.</summary>
    public void Dispose()
    {
        foreach (var tensor in firstMoments.Concat(secondMoments))
            tensor.Dispose();
    }
}
