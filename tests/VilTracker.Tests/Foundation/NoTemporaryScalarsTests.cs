using VilTracker.Cli;
using VilTracker.Model;

namespace VilTracker.Tests.Foundation;

/// <summary>
/// TorchSharp 0.107 frees a temporary <c>Scalar</c> (an implicit conversion, or the alpha of 1 inside
/// <c>Tensor + Tensor</c>) from the finaliser thread. A garbage collection started by another thread while the native
/// call that reads it is running (progress bars, data loaders, parallel evaluation workers) frees it in mid-call:
/// the call then fails ("Expected false to be true" in <c>Scalar::toDouble</c>) or silently reads freed memory. The
/// project's code therefore passes only rooted scalars (<see cref="VilTracker.Tensors.TensorMath"/>); these tests keep
/// it that way.
/// </summary>
public class NoTemporaryScalarsTests
{
    private static readonly string TorchSharpPath = typeof(TorchSharp.torch).Assembly.Location;

    [Fact]
    public void NoProjectCodeMakesTorchSharpCreateATemporaryScalar()
    {
        var scanner = new TemporaryScalarScanner(TorchSharpPath);
        var assemblies = new[] { typeof(TrackerModel).Assembly, typeof(VilTracker.Baselines.NanoTrack.NanoTrackTracker).Assembly, typeof(TrackerCatalog).Assembly };
        var found = assemblies.SelectMany(a => scanner.Scan(a.Location).Select(f => $"{Path.GetFileName(a.Location)}: {f.Caller} calls {f.Callee}")).ToList();
        Assert.True(found.Count == 0, $"{found.Count} call(s) create temporary TorchSharp scalars; use TensorMath instead:\n{string.Join("\n", found)}");
    }

    [Theory]
    [InlineData("vil-s")]
    [InlineData("uav-small")]
    public void NoTorchSharpModuleOfTheTrackerCreatesTemporaryScalarsInItsForward(string preset)
    {
        // Modules run through the virtual forward, which the call-site scan above cannot follow.
        var scanner = new TemporaryScalarScanner(TorchSharpPath);
        using var model = new TrackerModel(TrackerPresets.Get(preset));
        var types = model.modules().Select(m => m.GetType()).Where(t => t.Namespace?.StartsWith("TorchSharp") == true).Distinct().ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.False(scanner.ForwardCreates(t.FullName!.Replace('+', '.')), $"{t.FullName}.forward creates temporary scalars"));
    }

    [Fact]
    public void TheScannerFindsTheKnownCreators()
    {
        // The scanner must see what it guards against, or the test above could pass for the wrong reason.
        var scanner = new TemporaryScalarScanner(TorchSharpPath);
        var found = scanner.Scan(typeof(NoTemporaryScalarsTests).Assembly.Location).Where(f => f.Caller.Contains(nameof(KnownCreators))).Select(f => f.Callee).ToList();
        Assert.Contains(found, c => c.StartsWith("TorchSharp.torch.Tensor::op_Addition(TorchSharp.torch.Tensor,TorchSharp.torch.Tensor)"));
        Assert.Contains(found, c => c.StartsWith("TorchSharp.torch.Tensor::op_Multiply(TorchSharp.torch.Tensor,Double)"));
        Assert.Contains(found, c => c.StartsWith("TorchSharp.Scalar::op_Implicit(Double)"));
        Assert.Contains(found, c => c.Contains("::step("));
        Assert.DoesNotContain(found, c => c.StartsWith("TorchSharp.torch.Tensor::op_Multiply(TorchSharp.torch.Tensor,TorchSharp.torch.Tensor)"));
        Assert.True(scanner.ForwardCreates("TorchSharp.Modules.Softplus"), "Softplus.forward passes its beta and threshold as temporary scalars");
    }

    /// <summary>Never run: the scanner reads its IL.</summary>
    private static void KnownCreators(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b, TorchSharp.torch.optim.Optimizer optimizer)
    {
        _ = a + b;
        _ = a * 2.0;
        _ = a * b;
        _ = a.clamp(min: 0.5);
        optimizer.step();
    }
}
