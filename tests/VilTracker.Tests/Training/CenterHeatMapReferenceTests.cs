using CsCheck;
using VilTracker.Training.Targets;
using static TorchSharp.torch;

namespace VilTracker.Tests.Training;

/// <summary>
/// The loop-free heat map against a direct transcription of the reference's drawing procedure (a Gaussian patch
/// sliced with left = min(x, r), right = min(W − x, r + 1) and written by element-wise max), over random boxes.
/// </summary>
public class CenterHeatMapReferenceTests
{
    /// <summary>The reference's draw_gaussian for one box on an empty map, with Python slice semantics.</summary>
    private static float[] DrawLikeReference(int size, int cx, int cy, int r)
    {
        var map = new float[size * size];
        double sigma = (2 * r + 1) / 6.0;
        var g = new double[2 * r + 1, 2 * r + 1];
        for (int y = -r; y <= r; y++)
            for (int x = -r; x <= r; x++)
                g[y + r, x + r] = Math.Exp(-(x * x + y * y) / (2 * sigma * sigma));
        int left = Math.Min(cx, r), right = Math.Min(size - cx, r + 1);
        int top = Math.Min(cy, r), bottom = Math.Min(size - cy, r + 1);
        // Python slices [a:b] with negative bounds wrap; the boxes generated here keep every bound in range or
        // produce an empty slice, and an empty slice draws nothing (the reference checks min(shape) > 0).
        if (left + right <= 0 || top + bottom <= 0 || cx - left < 0 || cy - top < 0) return map;
        for (int y = cy - top; y < cy + bottom; y++)
            for (int x = cx - left; x < cx + right; x++)
                map[y * size + x] = Math.Max(map[y * size + x], (float)g[y - cy + r, x - cx + r]);
        return map;
    }

    [Fact]
    public void LoopFreeMapEqualsTheReferenceDrawing()
    {
        const int size = 16;
        Gen.Select(Gen.Float[-0.05f, 0.95f], Gen.Float[-0.05f, 0.95f], Gen.Float[0.01f, 0.9f], Gen.Float[0.01f, 0.9f])
            .Sample((x, y, w, h) =>
            {
                using var scope = NewDisposeScope();
                var map = CenterHeatMap.Generate(tensor(new[] { x, y, w, h }).view(1, 4), size, size).data<float>().ToArray();
                // Centre and radius as the reference computes them (float32 tensors).
                float bx = x * size, by = y * size, bw = w * size, bh = h * size;
                int cx = (int)MathF.Round(bx + bw / 2, MidpointRounding.ToEven), cy = (int)MathF.Round(by + bh / 2, MidpointRounding.ToEven);
                int r = (int)Math.Max(0f, CenterHeatMap.Radius(tensor(new[] { bw }), tensor(new[] { bh })).item<float>());
                var expected = DrawLikeReference(size, cx, cy, r);
                // Same support exactly; values equal up to the last float bit (torch's exp vs Math.Exp in float64).
                Assert.Equal(expected.Select(v => v > 0), map.Select(v => v > 0));
                for (int i = 0; i < map.Length; i++)
                    Assert.Equal(expected[i], map[i], 1e-7f);
            }, iter: 300);
    }
}
