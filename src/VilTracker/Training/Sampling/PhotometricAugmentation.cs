using VilTracker.Imaging;

namespace VilTracker.Training.Sampling;

/// <summary>
/// Colour augmentation of training crops, on the RGB bytes: a per-channel brightness factor (OSTrack's
/// <c>ToTensorAndJitter(0.2)</c>), grayscale applied to all crops of a sample together (OSTrack's joint
/// <c>ToGrayscale(p = 0.05)</c>) and an occasional 3x3 box blur of the search crop (motion and defocus in drone video).
/// </summary>
/// <param name="BrightnessJitter">Each channel is multiplied by a factor drawn from [1 − j, 1 + j] (0: off).</param>
/// <param name="GrayscaleProbability">Probability that a sample's crops are all turned to gray.</param>
/// <param name="BlurProbability">Probability that the search crop is blurred.</param>
public sealed record PhotometricAugmentation(double BrightnessJitter = 0.2, double GrayscaleProbability = 0.05, double BlurProbability = 0.1)
{
    /// <summary>No augmentation.</summary>
    public static PhotometricAugmentation None { get; } = new(0, 0, 0);

    /// <summary>A copy of <paramref name="frame"/> with each channel scaled by its factor, saturated to 0..255.</summary>
    public static Frame ScaleChannels(Frame frame, double r, double g, double b)
    {
        var src = frame.Rgb;
        var dst = new byte[src.Length];
        double[] factor = [r, g, b];
        for (int i = 0; i < src.Length; i++)
            dst[i] = (byte)Math.Clamp(Math.Round(src[i] * factor[i % 3]), 0, 255);
        return new Frame(frame.Width, frame.Height, dst);
    }

    /// <summary>A gray copy (ITU-R 601 luma, as OpenCV's RGB-to-gray) in all three channels.</summary>
    public static Frame Grayscale(Frame frame)
    {
        var src = frame.Rgb;
        var dst = new byte[src.Length];
        for (int i = 0; i < src.Length; i += 3)
        {
            byte y = (byte)Math.Clamp(Math.Round(0.299 * src[i] + 0.587 * src[i + 1] + 0.114 * src[i + 2]), 0, 255);
            dst[i] = dst[i + 1] = dst[i + 2] = y;
        }
        return new Frame(frame.Width, frame.Height, dst);
    }

    /// <summary>A 3x3 box-blurred copy; border pixels average the neighbours that exist.</summary>
    public static Frame BoxBlur(Frame frame)
    {
        int w = frame.Width, h = frame.Height;
        var src = frame.Rgb;
        var dst = new byte[src.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0, count = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int yy = y + dy, xx = x + dx;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                            sum += src[(yy * w + xx) * 3 + c];
                            count++;
                        }
                    dst[(y * w + x) * 3 + c] = (byte)((sum + count / 2) / count);
                }
        return new Frame(w, h, dst);
    }

    /// <summary>Augments one sample's crops with draws from <paramref name="random"/> (a fixed number of draws per call).</summary>
    public (Frame Template, Frame Search, Frame Memory) Apply(Frame template, Frame search, Frame memory, Random random)
    {
        bool gray = random.NextDouble() < GrayscaleProbability;
        bool blur = random.NextDouble() < BlurProbability;
        Frame Colour(Frame f)
        {
            double r = Factor(random), g = Factor(random), b = Factor(random);
            return BrightnessJitter > 0 ? ScaleChannels(f, r, g, b) : f;
        }
        template = Colour(template);
        search = Colour(search);
        memory = Colour(memory);
        if (gray)
            (template, search, memory) = (Grayscale(template), Grayscale(search), Grayscale(memory));
        if (blur)
            search = BoxBlur(search);
        return (template, search, memory);
    }

    private double Factor(Random random) => 1 + BrightnessJitter * (2 * random.NextDouble() - 1);
}
