using VilTracker.Geometry;

namespace VilTracker.Tracking;

/// <summary>
/// A constant-velocity Kalman filter over a box: state <c>(cx, cy, w, h, vcx, vcy, vw, vh)</c> in pixels and pixels
/// per frame, measurement <c>(cx, cy, w, h)</c>. Noise follows <see cref="KalmanNoise"/>; the measurement noise is
/// given per update (diagonal variances in pixels²), so it can follow the network's predicted uncertainty.
/// </summary>
public sealed class BoxKalmanFilter
{
    /// <summary>Number of state variables (centre, size and their velocities).</summary>
    public const int StateSize = 8;

    /// <summary>Number of measured variables (centre and size).</summary>
    public const int MeasurementSize = 4;

    /// <summary>
    /// The chi-squared quantile for 4 degrees of freedom at 95%: a measurement whose squared Mahalanobis distance to
    /// the prediction exceeds it is an outlier at the 5% level (scipy <c>chi2.ppf(0.95, 4)</c> = 9.4877).
    /// </summary>
    public const double ChiSquare95For4Dof = 9.4877;

    private static readonly double[,] Transition = BuildTransition();
    private static readonly double[,] Observation = BuildObservation();

    private readonly KalmanNoise noise;
    private double[] state = new double[StateSize];
    private double[,] covariance = new double[StateSize, StateSize];

    /// <summary>Creates an uninitialised filter with the given noise settings.</summary>
    /// <exception cref="ArgumentException">A noise setting is invalid.</exception>
    public BoxKalmanFilter(KalmanNoise noise) => this.noise = noise.Validate();

    /// <summary>True once <see cref="Initialize"/> has been called.</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>A copy of the state <c>(cx, cy, w, h, vcx, vcy, vw, vh)</c>.</summary>
    public double[] State => (double[])state.Clone();

    /// <summary>A copy of the 8 x 8 state covariance.</summary>
    public double[,] Covariance => (double[,])covariance.Clone();

    /// <summary>The box of the current state (centre and size; may have a non-positive size after a long prediction).</summary>
    public Box Box => Box.FromCenter(state[0], state[1], state[2], state[3]);

    /// <summary>
    /// The target's scale <c>s = sqrt(max(w,1)·max(h,1))</c> of the current state, the unit of every noise setting.
    /// </summary>
    public double Scale => Math.Sqrt(Math.Max(state[2], 1) * Math.Max(state[3], 1));

    /// <summary>Starts (or restarts) the filter at <paramref name="box"/> with zero velocity and the initial uncertainty.</summary>
    /// <exception cref="ArgumentException">The box is not finite with a positive size.</exception>
    public void Initialize(Box box)
    {
        RequireBox(box, nameof(box));
        state = [box.CenterX, box.CenterY, box.W, box.H, 0, 0, 0, 0];
        double p = Square(noise.InitialPositionStd * Scale), v = Square(noise.InitialVelocityStd * Scale);
        covariance = SmallMatrix.Diagonal([p, p, p, p, v, v, v, v]);
        IsInitialized = true;
    }

    /// <summary>
    /// Advances one frame: <c>x ← F·x</c>, <c>P ← F·P·Fᵀ + Q</c>, with Q scaled by the target's scale before the step.
    /// Returns the predicted box.
    /// </summary>
    public Box Predict()
    {
        RequireInitialized();
        double p = Square(noise.ProcessPositionStd * Scale), v = Square(noise.ProcessVelocityStd * Scale);
        var processNoise = SmallMatrix.Diagonal([p, p, p, p, v, v, v, v]);
        state = SmallMatrix.Multiply(Transition, state);
        covariance = SmallMatrix.Symmetrize(SmallMatrix.Add(
            SmallMatrix.Multiply(SmallMatrix.Multiply(Transition, covariance), SmallMatrix.Transpose(Transition)),
            processNoise));
        return Box;
    }

    /// <summary>
    /// Stops the size from drifting while no measurement comes in: sets the size velocities (vw, vh) to zero and
    /// drops their correlations with the rest of the state, keeping their own variance. The centre keeps coasting.
    /// </summary>
    public void HoldSize()
    {
        RequireInitialized();
        foreach (int i in new[] { 6, 7 })
        {
            state[i] = 0;
            for (int j = 0; j < StateSize; j++)
                if (j != i)
                    covariance[i, j] = covariance[j, i] = 0;
        }
    }

    /// <summary>
    /// The measurement variances (pixels²) when the measurement comes without a predicted variance:
    /// <c>(MeasurementStd·s)²</c> for each of cx, cy, w, h.
    /// </summary>
    public double[] DefaultMeasurementVariance()
    {
        double r = Square(noise.MeasurementStd * Scale);
        return [r, r, r, r];
    }

    /// <summary>
    /// Measurement variances (pixels²) from a predicted log-variance of (cx, cy, w, h) in normalised search-crop units:
    /// <c>PredictedVarianceScale · exp(logVariance) · cropSide² + (MinMeasurementStd·s)²</c>, where
    /// <paramref name="cropSide"/> is the side of the search crop in frame pixels (one normalised unit).
    /// </summary>
    /// <exception cref="ArgumentException">Not four values, a value is NaN, or the crop side is not positive.</exception>
    public double[] MeasurementVarianceFromLogVariance(IReadOnlyList<double> logVariance, double cropSide)
    {
        if (logVariance.Count != MeasurementSize)
            throw new ArgumentException($"Expected {MeasurementSize} log-variances (cx, cy, w, h), got {logVariance.Count}.", nameof(logVariance));
        if (!(cropSide > 0) || !double.IsFinite(cropSide))
            throw new ArgumentException($"Search crop side must be a positive number of pixels, got {cropSide}.", nameof(cropSide));
        double floor = Square(noise.MinMeasurementStd * Scale);
        var variance = new double[MeasurementSize];
        for (int i = 0; i < MeasurementSize; i++)
        {
            if (double.IsNaN(logVariance[i]))
                throw new ArgumentException($"Log-variance {i} (of cx, cy, w, h) is NaN.", nameof(logVariance));
            variance[i] = noise.PredictedVarianceScale * Math.Exp(logVariance[i]) * cropSide * cropSide + floor;
        }
        return variance;
    }

    /// <summary>
    /// Squared Mahalanobis distance <c>yᵀ·S⁻¹·y</c> of <paramref name="measurement"/> from the current state, with
    /// innovation <c>y = z − H·x</c> and <c>S = H·P·Hᵀ + R</c>. Compare it with a chi-squared quantile at 4 degrees
    /// of freedom (e.g. <see cref="ChiSquare95For4Dof"/>) to gate outliers.
    /// </summary>
    public double SquaredMahalanobis(Box measurement, IReadOnlyList<double> measurementVariance)
    {
        var (innovation, innovationCovariance) = Innovation(measurement, measurementVariance);
        var solved = SmallMatrix.SolveSymmetricPositive(innovationCovariance, Column(innovation));
        double d2 = 0;
        for (int i = 0; i < MeasurementSize; i++) d2 += innovation[i] * solved[i, 0];
        return d2;
    }

    /// <summary>
    /// Corrects the state with <paramref name="measurement"/> whose diagonal noise variances (pixels²) are
    /// <paramref name="measurementVariance"/>: gain <c>K = P·Hᵀ·S⁻¹</c>, <c>x ← x + K·y</c>, and the Joseph form
    /// <c>P ← (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ</c>, which keeps P symmetric positive definite.
    /// </summary>
    /// <exception cref="ArgumentException">Bad measurement box or variances.</exception>
    public void Update(Box measurement, IReadOnlyList<double> measurementVariance)
    {
        var (innovation, innovationCovariance) = Innovation(measurement, measurementVariance);
        var measurementNoise = SmallMatrix.Diagonal(measurementVariance);
        var crossCovariance = SmallMatrix.Multiply(covariance, SmallMatrix.Transpose(Observation)); // P·Hᵀ (8x4)
        // K = P·Hᵀ·S⁻¹ = (S⁻¹·H·P)ᵀ since S and P are symmetric.
        var gain = SmallMatrix.Transpose(SmallMatrix.SolveSymmetricPositive(innovationCovariance, SmallMatrix.Transpose(crossCovariance)));
        var correction = SmallMatrix.Multiply(gain, innovation);
        for (int i = 0; i < StateSize; i++) state[i] += correction[i];
        var keep = SmallMatrix.Add(SmallMatrix.Identity(StateSize), SmallMatrix.Multiply(gain, Observation), sign: -1);
        covariance = SmallMatrix.Symmetrize(SmallMatrix.Add(
            SmallMatrix.Multiply(SmallMatrix.Multiply(keep, covariance), SmallMatrix.Transpose(keep)),
            SmallMatrix.Multiply(SmallMatrix.Multiply(gain, measurementNoise), SmallMatrix.Transpose(gain))));
    }

    private (double[] Innovation, double[,] Covariance) Innovation(Box measurement, IReadOnlyList<double> measurementVariance)
    {
        RequireInitialized();
        RequireBox(measurement, nameof(measurement));
        if (measurementVariance.Count != MeasurementSize)
            throw new ArgumentException($"Expected {MeasurementSize} measurement variances (cx, cy, w, h), got {measurementVariance.Count}.", nameof(measurementVariance));
        for (int i = 0; i < MeasurementSize; i++)
            if (!(measurementVariance[i] > 0) || !double.IsFinite(measurementVariance[i]))
                throw new ArgumentException($"Measurement variance {i} (of cx, cy, w, h) must be positive and finite, got {measurementVariance[i]}.", nameof(measurementVariance));
        double[] z = [measurement.CenterX, measurement.CenterY, measurement.W, measurement.H];
        var predicted = SmallMatrix.Multiply(Observation, state);
        var innovation = new double[MeasurementSize];
        for (int i = 0; i < MeasurementSize; i++) innovation[i] = z[i] - predicted[i];
        var projected = SmallMatrix.Multiply(SmallMatrix.Multiply(Observation, covariance), SmallMatrix.Transpose(Observation));
        return (innovation, SmallMatrix.Add(projected, SmallMatrix.Diagonal(measurementVariance)));
    }

    private void RequireInitialized()
    {
        if (!IsInitialized)
            throw new InvalidOperationException("The Kalman filter is not initialised; call Initialize(box) with the first box.");
    }

    private static void RequireBox(Box box, string name)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"Box {box} needs finite values and a positive width and height.", name);
    }

    private static double[,] Column(IReadOnlyList<double> v)
    {
        var c = new double[v.Count, 1];
        for (int i = 0; i < v.Count; i++) c[i, 0] = v[i];
        return c;
    }

    private static double Square(double x) => x * x;

    private static double[,] BuildTransition()
    {
        var f = SmallMatrix.Identity(StateSize);
        for (int i = 0; i < MeasurementSize; i++) f[i, MeasurementSize + i] = 1;
        return f;
    }

    private static double[,] BuildObservation()
    {
        var h = new double[MeasurementSize, StateSize];
        for (int i = 0; i < MeasurementSize; i++) h[i, i] = 1;
        return h;
    }
}
