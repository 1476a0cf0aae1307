using VilTracker.IO;
using ScottPlot;

namespace VilTracker.Evaluation;

/// <summary>
/// Success and precision plots as the tracking papers show them (one curve per tracker, score in the legend,
/// best first), rendered to PNG with ScottPlot and written atomically.
/// </summary>
public static class CurvePlotter
{
    private const int Width = 800, Height = 600;

    /// <summary>
    /// "Success plots of OPE": x = overlap threshold, y = success rate, legend "name [AUC]" (AUC as a fraction;
    /// GOT-10k: AO).
    /// </summary>
    public static void WriteSuccessPlot(string path, IReadOnlyList<TrackerMetrics> trackers)
    {
        var curves = trackers.Select(t => (t.Tracker, t.Auc, Curve: t.SuccessCurve)).ToList();
        bool got10k = trackers.Count > 0 && trackers[0].PrecisionCurve is null;
        Write(path, curves, got10k ? "Success plots of OPE (GOT-10k, score = AO)" : "Success plots of OPE",
            "Overlap threshold", "Success rate", xMax: 1, Alignment.LowerLeft);
    }

    /// <summary>
    /// "Precision plots of OPE": x = location error threshold in pixels, y = precision, legend "name [precision@20px]".
    /// Trackers without a precision curve (GOT-10k) are skipped; returns false when none has one.
    /// </summary>
    public static bool WritePrecisionPlot(string path, IReadOnlyList<TrackerMetrics> trackers)
    {
        var curves = trackers.Where(t => t.PrecisionCurve is not null)
            .Select(t => (t.Tracker, Score: t.Precision!.Value, Curve: t.PrecisionCurve!)).ToList();
        if (curves.Count == 0) return false;
        Write(path, curves, "Precision plots of OPE", "Location error threshold (pixels)", "Precision", xMax: 50, Alignment.LowerRight);
        return true;
    }

    private static void Write(
        string path, List<(string Name, double Score, MetricCurve Curve)> curves, string title, string xLabel, string yLabel,
        double xMax, Alignment legendPosition)
    {
        var plot = new Plot();
        foreach (var (name, score, curve) in curves.OrderByDescending(c => c.Score))
        {
            var line = plot.Add.Scatter(curve.Thresholds.ToArray(), curve.Values.ToArray());
            line.LegendText = $"{name} [{score:0.000}]";
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(0, xMax, 0, 1.05);
        plot.ShowLegend(legendPosition);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
