using Microsoft.ML.OnnxRuntime;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Baselines.NanoTrack;

/// <summary>
/// NanoTrack v2 / v3 (HonglinChu/SiamTrackers) on ONNX Runtime, reproducing the official Python <c>NanoTracker</c> as
/// specified in NANOTRACK.md: BGR crops with the reference's rounding and padding, one backbone for the 127 template
/// and the 255 search crop, softmax scores, ltrb box decoding, scale/aspect penalty, cosine window and size smoothing.
/// </summary>
public sealed class NanoTrackTracker : ITracker
{
    private const int Exemplar = NanoTrackConfig.ExemplarSize;
    private const int Instance = NanoTrackConfig.InstanceSize;
    private const double Context = NanoTrackConfig.ContextAmount;
    private const double MinSize = 10;

    private readonly InferenceSession backbone;
    private readonly InferenceSession head;
    private readonly RunOptions runOptions = new();
    private readonly NanoTrackConfig config;
    private readonly double[] window;
    private readonly double[] gridX;
    private readonly double[] gridY;

    private float[]? templateFeature;
    private long[] templateShape = [];
    private byte[] padBgr = [];
    private double cx, cy, w, h;

    /// <summary>Loads the models and config of <paramref name="version"/>.</summary>
    /// <param name="version">v2 or v3.</param>
    /// <param name="modelFolder">Folder holding <c>nanotrackv2/</c>, <c>nanotrackv3/</c> and <c>config/</c>; null for the default (see <see cref="NanoTrackModelFiles.Locate"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The model folder is missing.</exception>
    /// <exception cref="FileNotFoundException">A model or config file is missing.</exception>
    /// <exception cref="InvalidDataException">A model or the config is not what this port expects.</exception>
    public NanoTrackTracker(NanoTrackVersion version, string? modelFolder = null)
    {
        var files = NanoTrackModelFiles.Locate(version, modelFolder);
        Name = version == NanoTrackVersion.V2 ? "nanotrack-v2" : "nanotrack-v3";
        config = NanoTrackConfig.Load(files.Config);

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var backboneBytes = OnnxInputDimensionPatch.MakeSpatialDimsSymbolic(File.ReadAllBytes(files.Backbone), "input", files.Backbone);
        backbone = new InferenceSession(backboneBytes, options);
        try
        {
            head = new InferenceSession(files.Head, options);
        }
        catch
        {
            backbone.Dispose();
            throw;
        }

        int s = config.ScoreSize;
        var hann = Enumerable.Range(0, s).Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (s - 1))).ToArray();
        window = new double[s * s];
        gridX = new double[s * s];
        gridY = new double[s * s];
        for (int y = 0; y < s; y++)
            for (int x = 0; x < s; x++)
            {
                window[y * s + x] = hann[y] * hann[x];
                gridX[y * s + x] = (x - s / 2) * NanoTrackConfig.Stride;
                gridY[y * s + x] = (y - s / 2) * NanoTrackConfig.Stride;
            }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The box is not finite or has no positive size.</exception>
    public void Initialize(Frame frame, Box box)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"{Name}: initial box {box} must be finite with positive width and height.", nameof(box));
        cx = box.X + (box.W - 1) / 2;
        cy = box.Y + (box.H - 1) / 2;
        w = box.W;
        h = box.H;
        padBgr = NanoTrackCrop.MeanColourBgr(frame);

        int side = (int)Math.Round(ContextSide(w, h));
        var crop = NanoTrackCrop.CropBgr(frame, cx, cy, Exemplar, side, padBgr);
        using var input = OrtValue.CreateTensorValueFromMemory(NanoTrackCrop.ToChwFloats(crop, Exemplar), [1, 3, Exemplar, Exemplar]);
        using var outputs = backbone.Run(runOptions, ["input"], [input], ["output"]);
        templateShape = outputs[0].GetTensorTypeAndShape().Shape;
        templateFeature = outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <inheritdoc />
    /// <remarks><see cref="TrackResult.Confidence"/> is the foreground probability of the chosen score cell.</remarks>
    public TrackResult Track(Frame frame)
    {
        if (templateFeature is null)
            throw new InvalidOperationException($"{Name}: call Initialize before Track.");

        double sz = ContextSide(w, h);
        double scale = Exemplar / sz;
        int side = (int)Math.Round(sz * (Instance / (double)Exemplar));
        var crop = NanoTrackCrop.CropBgr(frame, cx, cy, Instance, side, padBgr);

        using var searchInput = OrtValue.CreateTensorValueFromMemory(NanoTrackCrop.ToChwFloats(crop, Instance), [1, 3, Instance, Instance]);
        using var searchOutputs = backbone.Run(runOptions, ["input"], [searchInput], ["output"]);
        using var templateInput = OrtValue.CreateTensorValueFromMemory(templateFeature, templateShape);
        using var headOutputs = head.Run(runOptions, ["input1", "input2"], [templateInput, searchOutputs[0]], ["output1", "output2"]);
        var cls = headOutputs[0].GetTensorDataAsSpan<float>();
        var loc = headOutputs[1].GetTensorDataAsSpan<float>();
        int cells = config.ScoreSize * config.ScoreSize;
        if (cls.Length != 2 * cells || loc.Length != 4 * cells)
            throw new InvalidDataException(
                $"{Name}: head outputs have {cls.Length} and {loc.Length} values; config OUTPUT_SIZE {config.ScoreSize} needs {2 * cells} and {4 * cells}.");

        double targetW = w * scale, targetH = h * scale;
        double targetSize = SizeWithPad(targetW, targetH);
        int best = -1;
        double bestPscore = double.NegativeInfinity, bestPenalty = 0, bestScore = 0;
        double bestCx = 0, bestCy = 0, bestW = 0, bestH = 0;
        for (int k = 0; k < cells; k++)
        {
            double c0 = cls[k], c1 = cls[cells + k];
            double max = Math.Max(c0, c1);
            double e0 = Math.Exp(c0 - max), e1 = Math.Exp(c1 - max);
            double score = e1 / (e0 + e1);

            double l = loc[k], t = loc[cells + k], r = loc[2 * cells + k], b = loc[3 * cells + k];
            double x1 = gridX[k] - l, y1 = gridY[k] - t, x2 = gridX[k] + r, y2 = gridY[k] + b;
            double bw = x2 - x1, bh = y2 - y1;

            double scaleChange = Change(SizeWithPad(bw, bh) / targetSize);
            double ratioChange = Change(targetW / targetH / (bw / bh));
            double penalty = Math.Exp(-(ratioChange * scaleChange - 1) * config.PenaltyK);
            double pscore = penalty * score * (1 - config.WindowInfluence) + window[k] * config.WindowInfluence;
            if (pscore > bestPscore)
            {
                best = k;
                bestPscore = pscore;
                bestPenalty = penalty;
                bestScore = score;
                bestCx = (x1 + x2) / 2;
                bestCy = (y1 + y2) / 2;
                bestW = bw;
                bestH = bh;
            }
        }
        if (best < 0)
            throw new InvalidDataException($"{Name}: every score is NaN; the model outputs are broken.");

        double lr = bestPenalty * bestScore * config.LearningRate;
        double newCx = cx + bestCx / scale, newCy = cy + bestCy / scale;
        double newW = w * (1 - lr) + bestW / scale * lr, newH = h * (1 - lr) + bestH / scale * lr;
        cx = Math.Clamp(newCx, 0, frame.Width);
        cy = Math.Clamp(newCy, 0, frame.Height);
        w = Math.Max(MinSize, Math.Min(newW, frame.Width));
        h = Math.Max(MinSize, Math.Min(newH, frame.Height));
        return new TrackResult(new Box(cx - w / 2, cy - h / 2, w, h), bestScore);
    }

    /// <summary>Frees the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        backbone.Dispose();
        head.Dispose();
        runOptions.Dispose();
    }

    /// <summary>Side of the context square around a w x h target: sqrt((w + p)(h + p)) with p = 0.5 (w + h).</summary>
    private static double ContextSide(double width, double height)
    {
        double pad = Context * (width + height);
        return Math.Sqrt((width + pad) * (height + pad));
    }

    private static double SizeWithPad(double width, double height)
    {
        double pad = (width + height) / 2;
        return Math.Sqrt((width + pad) * (height + pad));
    }

    private static double Change(double ratio) => Math.Max(ratio, 1 / ratio);
}
