namespace VilTracker.Tracking;

/// <summary>
/// The few dense-matrix operations the Kalman filter needs, on plain <c>double[,]</c> (at most 8 x 8, so clarity
/// beats speed). Every operation returns a new matrix and leaves its inputs unchanged.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>The n x n identity.</summary>
    public static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    /// <summary>A square matrix with <paramref name="diagonal"/> on its diagonal and zeros elsewhere.</summary>
    public static double[,] Diagonal(IReadOnlyList<double> diagonal)
    {
        var m = new double[diagonal.Count, diagonal.Count];
        for (int i = 0; i < diagonal.Count; i++) m[i, i] = diagonal[i];
        return m;
    }

    /// <summary><c>a · b</c>.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), inner = a.GetLength(1), m = b.GetLength(1);
        if (b.GetLength(0) != inner)
            throw new ArgumentException($"Cannot multiply a {n}x{inner} matrix by a {b.GetLength(0)}x{m} matrix.");
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int k = 0; k < inner; k++) sum += a[i, k] * b[k, j];
                c[i, j] = sum;
            }
        return c;
    }

    /// <summary><c>a · v</c>.</summary>
    public static double[] Multiply(double[,] a, IReadOnlyList<double> v)
    {
        int n = a.GetLength(0), inner = a.GetLength(1);
        if (v.Count != inner)
            throw new ArgumentException($"Cannot multiply a {n}x{inner} matrix by a vector of length {v.Count}.");
        var r = new double[n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < inner; k++) r[i] += a[i, k] * v[k];
        return r;
    }

    /// <summary><c>aᵀ</c>.</summary>
    public static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var t = new double[m, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) t[j, i] = a[i, j];
        return t;
    }

    /// <summary><c>a + sign·b</c> (sign = 1 adds, −1 subtracts).</summary>
    public static double[,] Add(double[,] a, double[,] b, double sign = 1)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        if (b.GetLength(0) != n || b.GetLength(1) != m)
            throw new ArgumentException($"Cannot add a {n}x{m} matrix and a {b.GetLength(0)}x{b.GetLength(1)} matrix.");
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) c[i, j] = a[i, j] + sign * b[i, j];
        return c;
    }

    /// <summary>The symmetric part <c>(a + aᵀ)/2</c>, which removes rounding asymmetry from a covariance.</summary>
    public static double[,] Symmetrize(double[,] a)
    {
        int n = a.GetLength(0);
        var s = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) s[i, j] = 0.5 * (a[i, j] + a[j, i]);
        return s;
    }

    /// <summary>
    /// The lower-triangular Cholesky factor L with <c>a = L·Lᵀ</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The matrix is not symmetric positive definite.</exception>
    public static double[,] Cholesky(double[,] a)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 0))
                throw new InvalidOperationException($"Matrix is not positive definite (pivot {j} is {diagonal}); check the noise settings for zero or NaN values.");
            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = sum / l[j, j];
            }
        }
        return l;
    }

    /// <summary>
    /// Solves <c>a · x = b</c> for symmetric positive definite <paramref name="a"/> (n x n) and right-hand sides
    /// <paramref name="b"/> (n x m), by Cholesky factorisation.
    /// </summary>
    public static double[,] SolveSymmetricPositive(double[,] a, double[,] b)
    {
        var l = Cholesky(a);
        int n = a.GetLength(0), m = b.GetLength(1);
        var x = new double[n, m];
        for (int c = 0; c < m; c++)
        {
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = b[i, c];
                for (int k = 0; k < i; k++) sum -= l[i, k] * y[k];
                y[i] = sum / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = y[i];
                for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k, c];
                x[i, c] = sum / l[i, i];
            }
        }
        return x;
    }
}
