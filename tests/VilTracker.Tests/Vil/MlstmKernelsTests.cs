using TorchSharp;
using VilTracker.Vil;
using static TorchSharp.torch;

namespace VilTracker.Tests.Vil;

/// <summary>The parallel, recurrent and chunkwise mLSTM forms agree, and the parallel form matches a hand computation.</summary>
public class MlstmKernelsTests
{
    // The regime of the spec's measurements (A10.3): N(0, 1) q, k, v, input gates N(shift, 1), forget biases 3..6 + N(0, 1).
    private static (Tensor Q, Tensor K, Tensor V, Tensor I, Tensor F) RandomInputs(ScalarType dtype, long s, int seed, double igateShift)
    {
        var g = new Generator((ulong)seed);
        long b = 2, nh = 4, dh = 32;
        var q = randn([b, nh, s, dh], dtype, generator: g);
        var k = randn([b, nh, s, dh], dtype, generator: g);
        var v = randn([b, nh, s, dh], dtype, generator: g);
        var i = randn([b, nh, s, 1], dtype, generator: g) + igateShift;
        var f = randn([b, nh, s, 1], dtype, generator: g) + linspace(3, 6, nh, dtype).view(1, nh, 1, 1);
        return (q, k, v, i, f);
    }

    [Theory]
    [InlineData(ScalarType.Float64, 37, 5, 0.0, 1e-10)]
    [InlineData(ScalarType.Float64, 37, 16, -8.0, 1e-10)]
    [InlineData(ScalarType.Float64, 40, 8, 3.0, 1e-10)]
    [InlineData(ScalarType.Float64, 23, 64, 0.0, 1e-10)]
    [InlineData(ScalarType.Float32, 37, 5, 0.0, 1e-5)]
    [InlineData(ScalarType.Float32, 53, 16, -8.0, 1e-5)]
    public void RecurrentAndChunkwiseEqualParallel(ScalarType dtype, long s, int chunk, double igateShift, double rtol)
    {
        using var scope = NewDisposeScope();
        var (q, k, v, i, f) = RandomInputs(dtype, s, (int)s * 31 + chunk, igateShift);
        var parallel = MlstmKernels.Parallel(q, k, v, i, f);
        Assert.True(parallel.isfinite().all().item<bool>());
        VilFixtures.AssertRelativeClose(parallel, MlstmKernels.Recurrent(q, k, v, i, f), rtol, "recurrent");
        VilFixtures.AssertRelativeClose(parallel, MlstmKernels.Chunkwise(q, k, v, i, f, chunk), rtol, $"chunkwise {chunk}");
    }

    [Theory]
    [InlineData(MlstmBackend.Recurrent)]
    [InlineData(MlstmBackend.Chunkwise)]
    public void GradientsOfTheOtherFormsEqualThoseOfTheParallelForm(MlstmBackend backend)
    {
        using var scope = NewDisposeScope();
        var (q, k, v, i, f) = RandomInputs(ScalarType.Float64, 13, 21, 0.0);
        var inputs = new[] { q, k, v, i, f };
        var weights = randn([2, 4, 13, 32], ScalarType.Float64, generator: new Generator(22));

        Tensor[] Gradients(MlstmBackend form)
        {
            var leaves = inputs.Select(t => t.detach().requires_grad_()).ToArray();
            var h = MlstmKernels.Run(form, leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], chunkSize: 4);
            (h * weights).sum().backward();
            return leaves.Select(l => l.grad!).ToArray();
        }

        var expected = Gradients(MlstmBackend.Parallel);
        var actual = Gradients(backend);
        for (var n = 0; n < expected.Length; n++)
            VilFixtures.AssertRelativeClose(expected[n], actual[n], 1e-10, $"gradient of input {n}");
    }

    [Fact]
    public void ParallelMatchesHandComputationOnTwoSteps()
    {
        using var scope = NewDisposeScope();
        // One head, DH = 1: q = (2, 1), k = (3, -1), v = (5, 7), ĩ = (0.5, -1), f̃ = (0, 2).
        var q = tensor(new double[] { 2, 1 }).view(1, 1, 2, 1);
        var k = tensor(new double[] { 3, -1 }).view(1, 1, 2, 1);
        var v = tensor(new double[] { 5, 7 }).view(1, 1, 2, 1);
        var ig = tensor(new double[] { 0.5, -1 }).view(1, 1, 2, 1);
        var fg = tensor(new double[] { 0, 2 }).view(1, 1, 2, 1);
        var h = MlstmKernels.Parallel(q, k, v, ig, fg).flatten().data<double>().ToArray();

        const double eps = 1e-6;
        // Step 1: only s = 1, log D = ĩ1, m1 = ĩ1, D = 1; C = q1 k1 = 6; normaliser max(6, e^-0.5) = 6.
        var h1 = 6.0 / (6.0 + eps) * 5.0;
        // Step 2: log D(2,1) = log σ(2) + 0.5, log D(2,2) = -1; m2 = max of both.
        var logD21 = -Math.Log(1 + Math.Exp(-2)) + 0.5;
        var m2 = Math.Max(logD21, -1.0);
        var c21 = 1.0 * 3.0 * Math.Exp(logD21 - m2);
        var c22 = 1.0 * -1.0 * Math.Exp(-1.0 - m2);
        var norm2 = Math.Max(Math.Abs(c21 + c22), Math.Exp(-m2));
        var h2 = (c21 * 5.0 + c22 * 7.0) / (norm2 + eps);
        Assert.Equal(h1, h[0], 12);
        Assert.Equal(h2, h[1], 12);
    }

    [Fact]
    public void CellBackendsAgreeInsideTheModule()
    {
        using var scope = NewDisposeScope();
        var cell = new MatrixLstmCell(16, 4, normBias: true);
        cell.to(ScalarType.Float64);
        var g = new Generator(7);
        var q = randn([2, 19, 16], ScalarType.Float64, generator: g);
        var k = randn([2, 19, 16], ScalarType.Float64, generator: g);
        var v = randn([2, 19, 16], ScalarType.Float64, generator: g);
        var parallel = cell.forward(q, k, v);
        cell.Backend = MlstmBackend.Chunkwise;
        cell.ChunkSize = 6;
        var chunkwise = cell.forward(q, k, v);
        cell.Backend = MlstmBackend.Recurrent;
        var recurrent = cell.forward(q, k, v);
        VilFixtures.AssertClose(parallel, chunkwise, 1e-10, "chunkwise cell");
        VilFixtures.AssertClose(parallel, recurrent, 1e-10, "recurrent cell");
    }
}
