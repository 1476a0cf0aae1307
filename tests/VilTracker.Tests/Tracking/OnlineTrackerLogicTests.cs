using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Tests.Tracking;

/// <summary>The tracker's decisions with a scripted measurement source instead of the network.</summary>
public class OnlineTrackerLogicTests
{
    private static readonly Frame Blank = new(400, 300, new byte[400 * 300 * 3]);
    private static readonly Box Start = new(100, 100, 20, 20);

    /// <summary>Returns the next scripted measurement for each frame and records what the tracker asked for.</summary>
    private sealed class ScriptedSource(Func<int, Box, TargetMeasurement> script) : IMeasurementSource
    {
        private int frame;
        public List<(Box Around, double Growth)> Searches { get; } = [];
        public List<(int Frame, Box Box)> TemplateRefreshes { get; } = [];
        public List<(int Frame, Box Box)> Remembered { get; } = [];
        public bool Disposed { get; private set; }

        public void Initialize(Frame frame, Box box) => this.frame = 0;

        public TargetMeasurement Measure(Frame frame, Box around, double searchGrowth)
        {
            this.frame++;
            Searches.Add((around, searchGrowth));
            return script(this.frame, around);
        }

        public void RefreshTemplate(Frame frame, Box box) => TemplateRefreshes.Add((this.frame, box));
        public void RememberAppearance(Frame frame, Box box) => Remembered.Add((this.frame, box));
        public void Dispose() => Disposed = true;
    }

    private static TargetMeasurement At(Box box, double confidence) => new(box, confidence, null, 80);

    private static (OnlineVilTracker Tracker, ScriptedSource Source) Started(Func<int, Box, TargetMeasurement> script, TrackerOptions? options = null)
    {
        var source = new ScriptedSource(script);
        var tracker = new OnlineVilTracker(source, options ?? new TrackerOptions());
        tracker.Initialize(Blank, Start);
        return (tracker, source);
    }

    [Fact]
    public void GatedMeasurementLeavesThePredictionAsOutput()
    {
        var far = Start with { X = Start.X + 150 };
        var (tracker, _) = Started((f, _) => At(f <= 5 ? Start : far, 0.9));
        for (int f = 1; f <= 5; f++)
        {
            tracker.Track(Blank);
            Assert.Equal(MeasurementVerdict.Accepted, tracker.LastVerdict);
        }
        var result = tracker.Track(Blank);
        Assert.Equal(MeasurementVerdict.Gated, tracker.LastVerdict);
        Assert.Equal(MarginClip.Apply(tracker.LastPrediction, 400, 300), result.Box);
        Assert.True(Math.Abs(result.Box.X - Start.X) < 1, $"output {result.Box} should stay at the prediction, not jump to {far}");
        Assert.Equal(0.9, result.Confidence);
        Assert.Equal(1, tracker.ConsecutiveMisses);
        Assert.False(result.IsLost);
    }

    [Fact]
    public void AcceptedMeasurementPullsTheOutputTowardsIt()
    {
        var near = Start with { X = Start.X + 3 };
        var (tracker, _) = Started((_, _) => At(near, 0.9));
        var result = tracker.Track(Blank);
        Assert.Equal(MeasurementVerdict.Accepted, tracker.LastVerdict);
        Assert.InRange(result.Box.X, Start.X + 0.5, near.X);
    }

    [Fact]
    public void MissesMarkTheTargetLostAndGrowTheSearchRegion()
    {
        var (tracker, source) = Started((_, _) => At(Start, 0.1));
        var lost = new List<bool>();
        for (int f = 1; f <= 8; f++)
        {
            var result = tracker.Track(Blank);
            Assert.Equal(MeasurementVerdict.LowConfidence, tracker.LastVerdict);
            Assert.Equal(MarginClip.Apply(tracker.LastPrediction, 400, 300), result.Box);
            lost.Add(result.IsLost);
        }
        Assert.Equal(new[] { false, false, true, true, true, true, true, true }, lost);
        // Growth before each frame's search: misses 0, 1, 2 → 1; then 1.2, 1.44, 1.728, capped at 2.
        Assert.Equal(new[] { 1, 1, 1, 1.2, 1.44, 1.728, 2, 2 }, source.Searches.Select(s => Math.Round(s.Growth, 9)));
        Assert.Empty(source.TemplateRefreshes);
        Assert.Empty(source.Remembered);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AMissedTargetKeepsItsSizeWhileTheCentreCoasts(bool hold)
    {
        // Ten frames of a target moving right by 3 px and growing by 1 px per frame from the start box, then nothing confident.
        Box Growing(int f) => Box.FromCenter(Start.CenterX + 3 * f, Start.CenterY, Start.W + f, Start.H + f);
        var (tracker, _) = Started((f, _) => f <= 10 ? At(Growing(f), 0.9) : At(Growing(10), 0.1),
            new TrackerOptions { HoldSizeWhileMissed = hold });
        for (int f = 1; f <= 10; f++) tracker.Track(Blank);
        var lastSeen = tracker.Track(Blank).Box;
        Box coasted = lastSeen;
        for (int f = 12; f <= 30; f++) coasted = tracker.Track(Blank).Box;
        Assert.True(coasted.CenterX > lastSeen.CenterX + 19 * 2, $"the centre should keep coasting right: {lastSeen} -> {coasted}");
        if (hold)
            Assert.Equal(lastSeen.W, coasted.W, 6);
        else
            Assert.True(coasted.W > lastSeen.W + 5, $"without holding, the growth goes on: {lastSeen} -> {coasted}");
    }

    [Fact]
    public void ConfidentMeasurementReacquiresALostTarget()
    {
        var elsewhere = new Box(300, 200, 30, 25);
        var (tracker, _) = Started((f, _) => f <= 3 ? At(Start, 0.1) : At(elsewhere, 0.95));
        for (int f = 1; f <= 3; f++) tracker.Track(Blank);
        var result = tracker.Track(Blank);
        Assert.Equal(MeasurementVerdict.Reacquired, tracker.LastVerdict);
        Assert.Equal(elsewhere.X, result.Box.X, 9);
        Assert.Equal(elsewhere.Y, result.Box.Y, 9);
        Assert.False(result.IsLost);
        Assert.Equal(0, tracker.ConsecutiveMisses);
    }

    [Fact]
    public void SearchIsCentredOnThePredictionAndAppearanceFollowsThePolicy()
    {
        // The target moves 2 px per frame; measurements are exact and confident, uncertainty is small.
        Box Truth(int f) => Start with { X = Start.X + 2 * f };
        var logVariance = Enumerable.Repeat(Math.Log(1e-4), 4).ToArray();
        var (tracker, source) = Started((f, _) => new TargetMeasurement(Truth(f), 0.9, logVariance, 80));
        var outputs = new List<Box>();
        for (int f = 1; f <= 30; f++) outputs.Add(tracker.Track(Blank).Box);
        Assert.Equal(Start, source.Searches[0].Around); // first prediction: zero velocity
        Assert.True(Math.Abs(source.Searches[29].Around.X - Truth(30).X) < 1, "after learning the velocity the search leads the target");
        Assert.Equal(new[] { 10, 20, 30 }, source.TemplateRefreshes.Select(r => r.Frame));
        Assert.Equal(new[] { 5, 10, 15, 20, 25, 30 }, source.Remembered.Select(r => r.Frame));
        Assert.Equal(outputs[9], source.TemplateRefreshes[0].Box);
    }

    [Fact]
    public void BoxesAreClippedToTheFrame()
    {
        var outside = new Box(390, 290, 40, 40);
        var (tracker, _) = Started((_, _) => At(outside, 0.95), new TrackerOptions { GateChiSquare = 1e9 });
        Box box = default;
        for (int f = 1; f <= 10; f++) box = tracker.Track(Blank).Box;
        Assert.True(box.X >= 0 && box.Right <= 400 && box.Y >= 0 && box.Bottom <= 300, $"{box} leaves the frame");
    }

    [Fact]
    public void MisuseGetsClearErrors()
    {
        using var tracker = new OnlineVilTracker(new ScriptedSource((_, _) => At(new Box(double.NaN, 0, 1, 1), 1)), new TrackerOptions());
        Assert.Contains("before Initialize", Assert.Throws<InvalidOperationException>(() => tracker.Track(Blank)).Message);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => tracker.Initialize(Blank, new Box(500, 10, 20, 20))).Message);
        Assert.Throws<ArgumentException>(() => tracker.Initialize(Blank, new Box(10, 10, 0, 20)));
        tracker.Initialize(Blank, Start);
        Assert.Contains("Frame 1", Assert.Throws<InvalidOperationException>(() => tracker.Track(Blank)).Message);
    }

    [Fact]
    public void DisposingTheTrackerDisposesItsSource()
    {
        var source = new ScriptedSource((_, _) => At(Start, 1));
        new OnlineVilTracker(source, new TrackerOptions()).Dispose();
        Assert.True(source.Disposed);
    }
}
