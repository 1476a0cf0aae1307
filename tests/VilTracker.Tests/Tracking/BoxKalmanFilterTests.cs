using CsCheck;
using VilTracker.Geometry;
using VilTracker.Tracking;

namespace VilTracker.Tests.Tracking;

public class BoxKalmanFilterTests
{
    // Box centred at (50, 40), 20 x 20: scale s = 20, so with the default noise the initial position and velocity
    // variances are (0.1·20)² = 4, process position variance (0.05·20)² = 1, process velocity variance (0.01·20)² = 0.04.
    private static BoxKalmanFilter StartedFilter()
    {
        var filter = new BoxKalmanFilter(new KalmanNoise());
        filter.Initialize(Box.FromCenter(50, 40, 20, 20));
        return filter;
    }

    [Fact]
    public void PredictStepMatchesHandComputation()
    {
        var filter = StartedFilter();
        var predicted = filter.Predict();
        Assert.Equal(Box.FromCenter(50, 40, 20, 20), predicted);
        var p = filter.Covariance;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(4 + 4 + 1, p[i, i], 9);       // P_pp + P_vv + q_p
            Assert.Equal(4, p[i, i + 4], 9);           // P_vv
            Assert.Equal(4 + 0.04, p[i + 4, i + 4], 9); // P_vv + q_v
        }
        Assert.Equal(0, p[0, 1]);
    }

    [Fact]
    public void UpdateStepMatchesHandComputation()
    {
        var filter = StartedFilter();
        filter.Predict();
        double[] r = [9, 9, 9, 9];
        var measurement = Box.FromCenter(53, 40, 20, 20);
        // S = 9 + 9 = 18 per coordinate; d² = 3²/18 = 0.5.
        Assert.Equal(0.5, filter.SquaredMahalanobis(measurement, r), 9);
        filter.Update(measurement, r);
        var x = filter.State;
        Assert.Equal(50 + 0.5 * 3, x[0], 9);     // K_p = 9/18
        Assert.Equal(4.0 / 18 * 3, x[4], 9);     // K_v = 4/18
        Assert.Equal(new[] { 40.0, 20, 20, 0, 0, 0 }, new[] { x[1], x[2], x[3], x[5], x[6], x[7] });
        var p = filter.Covariance;
        Assert.Equal(4.5, p[0, 0], 9);                  // (1 − 0.5)·9
        Assert.Equal(2, p[0, 4], 9);                    // 4 − 0.5·4
        Assert.Equal(4.04 - 4.0 / 18 * 4, p[4, 4], 9);  // 4.04 − K_v·4
    }

    [Theory]
    [InlineData(13.0, true)]   // 169/18 = 9.389 <= 9.4877
    [InlineData(13.2, false)]  // 174.24/18 = 9.680 > 9.4877
    public void GateAcceptsOrRejectsKnownDistances(double shift, bool accepted)
    {
        var filter = StartedFilter();
        filter.Predict();
        double d2 = filter.SquaredMahalanobis(Box.FromCenter(50 + shift, 40, 20, 20), [9, 9, 9, 9]);
        Assert.Equal(shift * shift / 18, d2, 9);
        Assert.Equal(accepted, d2 <= BoxKalmanFilter.ChiSquare95For4Dof);
    }

    [Fact]
    public void MahalanobisSumsOverIndependentCoordinates()
    {
        var filter = StartedFilter();
        filter.Predict();
        // 6 pixels off in each of cx, cy, w, h: 4·36/18 = 8.
        Assert.Equal(8, filter.SquaredMahalanobis(Box.FromCenter(56, 46, 26, 26), [9, 9, 9, 9]), 9);
    }

    [Fact]
    public void PredictedLogVarianceMapsToPixels()
    {
        var filter = StartedFilter();
        // exp(ln 1e-4)·100² = 1, plus the floor (0.01·20)² = 0.04.
        var r = filter.MeasurementVarianceFromLogVariance([Math.Log(1e-4), Math.Log(4e-4), 0, Math.Log(1e-4)], cropSide: 100);
        Assert.Equal(1.04, r[0], 9);
        Assert.Equal(4.04, r[1], 9);
        Assert.Equal(10000.04, r[2], 6);
        Assert.Throws<ArgumentException>(() => filter.MeasurementVarianceFromLogVariance([0, 0, double.NaN, 0], 100));
        Assert.Throws<ArgumentException>(() => filter.MeasurementVarianceFromLogVariance([0, 0, 0], 100));
    }

    [Theory]
    [InlineData(0.0, 0.1)] // exact measurements: the prediction error vanishes once the velocity is learnt
    [InlineData(1.0, 2.0)] // noisy measurements (std 1 px): it settles near the noise level
    public void ConstantVelocityTargetIsTrackedWithConvergingError(double noiseStd, double lateErrorBound)
    {
        var filter = new BoxKalmanFilter(new KalmanNoise());
        Box Truth(int t) => Box.FromCenter(100 + 3 * t, 80 - 2 * t, 30, 20);
        filter.Initialize(Truth(0));
        var random = new Random(7);
        double Noise() => noiseStd * Gaussian(random);
        var errors = new List<double>();
        for (int t = 1; t <= 60; t++)
        {
            var predicted = filter.Predict();
            var truth = Truth(t);
            errors.Add(Math.Sqrt(Math.Pow(predicted.CenterX - truth.CenterX, 2) + Math.Pow(predicted.CenterY - truth.CenterY, 2)));
            var measured = Box.FromCenter(truth.CenterX + Noise(), truth.CenterY + Noise(), 30 + Noise(), 20 + Noise());
            filter.Update(measured, [1, 1, 1, 1]);
        }
        double early = errors.Take(3).Average(), late = errors.Skip(50).Average();
        Assert.True(early > 2, $"early prediction error {early} should reflect the unknown velocity");
        Assert.True(late < lateErrorBound, $"prediction error should converge: early {early}, late {late}");
        var x = filter.State;
        Assert.InRange(x[4], 2.7, 3.3);
        Assert.InRange(x[5], -2.3, -1.7);
    }

    [Fact]
    public void CovarianceStaysSymmetricPositiveDefinite()
    {
        var step = Gen.Select(Gen.Double[-50, 50], Gen.Double[-50, 50], Gen.Double[-3, 8], Gen.Bool);
        Gen.Select(step.Array[1, 60], Gen.Double[1, 200]).Sample((steps, size) =>
        {
            var filter = new BoxKalmanFilter(new KalmanNoise());
            filter.Initialize(new Box(10, 10, size, size / 2));
            foreach (var (dx, dy, logStd, update) in steps)
            {
                var box = filter.Predict();
                if (update)
                {
                    double variance = Math.Pow(10, logStd);
                    var centre = Box.FromCenter(box.CenterX + dx, box.CenterY + dy, Math.Max(1, Math.Abs(box.W)), Math.Max(1, Math.Abs(box.H)));
                    filter.Update(centre, [variance, variance, variance * 2, variance / 2]);
                }
                var p = filter.Covariance;
                for (int i = 0; i < 8; i++)
                    for (int j = 0; j < 8; j++)
                        if (p[i, j] != p[j, i]) return false;
                SmallMatrix.Cholesky(p); // throws when not positive definite
            }
            return true;
        }, iter: 300);
    }

    [Fact]
    public void BadInputIsRejectedWithAClearMessage()
    {
        var filter = new BoxKalmanFilter(new KalmanNoise());
        Assert.Contains("not initialised", Assert.Throws<InvalidOperationException>(() => filter.Predict()).Message);
        Assert.Throws<ArgumentException>(() => filter.Initialize(new Box(0, 0, 0, 5)));
        filter.Initialize(new Box(0, 0, 10, 10));
        Assert.Throws<ArgumentException>(() => filter.Update(new Box(double.NaN, 0, 10, 10), [1, 1, 1, 1]));
        Assert.Throws<ArgumentException>(() => filter.Update(new Box(0, 0, 10, 10), [1, 0, 1, 1]));
        Assert.Throws<ArgumentException>(() => new BoxKalmanFilter(new KalmanNoise { ProcessPositionStd = -1 }));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
