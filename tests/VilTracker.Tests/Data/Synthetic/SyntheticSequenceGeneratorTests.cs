using System.Security.Cryptography;
using VilTracker.Data.Synthetic;

namespace VilTracker.Tests.Data.Synthetic;

/// <summary>Determinism, ground truth and visibility of <see cref="SyntheticSequenceGenerator"/>.</summary>
public sealed class SyntheticSequenceGeneratorTests
{
    private static string Fingerprint(SyntheticSequenceGenerator generator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var frame in generator.Frames())
        {
            hash.AppendData(frame.Image.Rgb);
            hash.AppendData(System.Text.Encoding.ASCII.GetBytes($"{frame.TargetBox}|{frame.TargetVisible}|{frame.VisibleFraction:R};"));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    [Fact]
    public void Same_seed_and_options_give_identical_bytes_and_boxes()
    {
        var options = SyntheticTestOptions.Tiny;
        Assert.Equal(Fingerprint(new SyntheticSequenceGenerator(options, 42)), Fingerprint(new SyntheticSequenceGenerator(options with { }, 42)));
    }

    [Fact]
    public void Different_seeds_give_different_sequences()
    {
        var options = SyntheticTestOptions.Tiny with { FrameCount = 36 };
        var a = new SyntheticSequenceGenerator(options, 1).Render(0);
        var b = new SyntheticSequenceGenerator(options, 2).Render(0);
        Assert.NotEqual(a.Image.Rgb, b.Image.Rgb);
        Assert.NotEqual(a.TargetBox, b.TargetBox);
    }

    [Fact]
    public void Random_access_matches_streaming_and_frames_differ_over_time()
    {
        var generator = new SyntheticSequenceGenerator(SyntheticTestOptions.Tiny, 5);
        var streamed = generator.Frames().Take(3).ToArray();
        for (int i = 0; i < 3; i++)
        {
            var single = new SyntheticSequenceGenerator(SyntheticTestOptions.Tiny, 5).Render(i);
            Assert.Equal(i, streamed[i].Index);
            Assert.Equal(single.Image.Rgb, streamed[i].Image.Rgb);
            Assert.Equal(single.TargetBox, streamed[i].TargetBox);
        }
        Assert.NotEqual(streamed[0].Image.Rgb, streamed[2].Image.Rgb);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Render(40));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Render(-1));
    }

    [Fact]
    public void Streaming_is_lazy_a_long_sequence_yields_its_first_frames_at_once()
    {
        // Rendering 100,000 frames would take minutes; taking two must only render two.
        var generator = new SyntheticSequenceGenerator(SyntheticTestOptions.Tiny with { FrameCount = 100_000 }, 9);
        var frames = generator.Frames().Take(2).ToArray();
        Assert.Equal([0, 1], frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(192 * 128 * 3, f.Image.Rgb.Length));
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Boxes_are_inside_the_frame_and_match_the_target_pixels_within_one_pixel(ulong seed)
    {
        // Independent check: paint the target flat magenta (no blur, no occluder) and compare the box with the
        // bounding box of the magenta pixels; lighting drift, cloud and drop shadows stay on.
        var options = SyntheticTestOptions.Tiny with { Occlusion = false, MotionBlur = 0, DistractorCount = 2 };
        var generator = new SyntheticSequenceGenerator(options, seed, SyntheticTestOptions.Magenta);
        foreach (var frame in generator.Frames())
        {
            var box = frame.TargetBox;
            Assert.True(box.HasPositiveSize, $"frame {frame.Index}: {box}");
            Assert.True(box.X >= 0 && box.Y >= 0 && box.Right <= options.Width && box.Bottom <= options.Height, $"frame {frame.Index}: {box}");
            Assert.True(frame.TargetVisible);
            Assert.Equal(1.0, frame.VisibleFraction, 6);

            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            for (int y = 0; y < options.Height; y++)
                for (int x = 0; x < options.Width; x++)
                    if (SyntheticTestOptions.IsMagenta(frame.Image.Rgb, y * options.Width + x))
                        (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x + 1), Math.Max(y1, y + 1));
            Assert.True(x1 > 0, $"frame {frame.Index}: no target pixels");
            Assert.True(Math.Abs(x0 - box.X) <= 1 && Math.Abs(y0 - box.Y) <= 1 && Math.Abs(x1 - box.Right) <= 1 && Math.Abs(y1 - box.Bottom) <= 1,
                $"frame {frame.Index}: box {box} but target pixels span x {x0}..{x1}, y {y0}..{y1}");
        }
    }

    [Theory]
    [InlineData(21UL)]
    [InlineData(22UL)]
    public void Fully_occluded_frames_are_flagged_invisible_and_show_no_target_pixels(ulong seed)
    {
        var options = SyntheticTestOptions.Tiny with { MotionBlur = 0 };
        var generator = new SyntheticSequenceGenerator(options, seed, SyntheticTestOptions.Magenta);
        var frames = generator.Frames().Select(f => (f.Index, f.TargetVisible, f.VisibleFraction, f.TargetBox,
            Pixels: Enumerable.Range(0, options.Width * options.Height).Count(p => SyntheticTestOptions.IsMagenta(f.Image.Rgb, p)))).ToArray();

        var hidden = frames.Where(f => !f.TargetVisible).Select(f => f.Index).ToArray();
        Assert.True(hidden.Length >= options.FullOcclusionFrames, $"only {hidden.Length} hidden frames");
        Assert.True(hidden.Length <= options.FullOcclusionFrames + 6, $"{hidden.Length} hidden frames for {options.FullOcclusionFrames} requested");
        Assert.Equal(Enumerable.Range(hidden[0], hidden.Length), hidden); // one contiguous occlusion
        Assert.True(frames[0].TargetVisible, "the first frame must show the target to start tracking");
        Assert.Contains(frames, f => f.TargetVisible && f.VisibleFraction < 0.99); // partial occlusion on the way in or out
        foreach (var f in frames)
        {
            if (f.VisibleFraction == 0)
                Assert.True(f.Pixels == 0, $"frame {f.Index} is fully hidden but shows {f.Pixels} target pixels");
            else if (!f.TargetVisible)
                Assert.True(f.Pixels <= 0.05 * f.TargetBox.Area, $"frame {f.Index} is flagged invisible but shows {f.Pixels} target pixels");
            else
                Assert.True(f.Pixels > 0, $"frame {f.Index} is flagged visible but shows no target pixel");
        }
    }

    [Fact]
    public void The_demo_sequence_changes_scale_and_keeps_the_target_in_the_size_range()
    {
        var options = SyntheticSequenceOptions.Demo;
        var plan = ScenePlan.Create(options, SyntheticSequenceOptions.DemoSeed);
        var lengths = Enumerable.Range(0, options.FrameCount).Select(t => plan.CameraAt(t).Zoom * 2 * plan.Target.HalfLength).ToArray();
        Assert.All(lengths, l => Assert.InRange(l, options.MinTargetSize - 1e-9, options.MaxTargetSize + 1e-9));
        Assert.True(lengths.Max() / lengths.Min() > 1.15, $"target length only varies from {lengths.Min():F1} to {lengths.Max():F1}");
        var centres = Enumerable.Range(0, options.FrameCount).Select(t => plan.CameraAt(t)).ToArray();
        double pan = centres.Zip(centres.Skip(1), (a, b) => Math.Abs(b.CenterX - a.CenterX) + Math.Abs(b.CenterY - a.CenterY)).Sum();
        Assert.True(pan > 100, $"camera only panned {pan:F0} world pixels");
        Assert.NotNull(plan.Canopy);
        Assert.Single(plan.DistractorLooks);
    }

    [Fact]
    public void Occlusion_planning_succeeds_for_every_seed_of_a_short_sequence()
    {
        // Training draws fresh seeds: none may fail. Planning is cheap (no pixels), so 300 seeds are checked.
        for (ulong seed = 0; seed < 300; seed++)
        {
            var plan = ScenePlan.Create(SyntheticTestOptions.Tiny, seed);
            Assert.NotNull(plan.Canopy);
        }
    }

    [Fact]
    public void An_occlusion_that_cannot_fit_is_a_clear_error()
    {
        // 60 hidden frames in 90 at 0.5 px/frame: the target cannot get away from the canopy before frame 0.
        var options = new SyntheticSequenceOptions { FrameCount = 90, FullOcclusionFrames = 60, TargetSpeed = 0.5 };
        var error = Assert.Throws<InvalidOperationException>(() => new SyntheticSequenceGenerator(options, 1));
        Assert.Contains("Occlusion = false", error.Message);
        Assert.Contains("TargetSpeed", error.Message);
    }

    [Fact]
    public void Rendering_from_several_threads_gives_the_same_bytes_as_in_order()
    {
        var options = SyntheticTestOptions.Tiny;
        var parallel = new SyntheticFrame[12];
        var shared = new SyntheticSequenceGenerator(options, 31);
        Parallel.For(0, parallel.Length, i => parallel[i] = shared.Render(i));
        var inOrder = new SyntheticSequenceGenerator(options, 31).Frames().Take(parallel.Length).ToArray();
        for (int i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(inOrder[i].Image.Rgb, parallel[i].Image.Rgb);
            Assert.Equal(inOrder[i].TargetBox, parallel[i].TargetBox);
        }
    }
}
