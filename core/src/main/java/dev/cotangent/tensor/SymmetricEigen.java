package dev.cotangent.tensor;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of one real symmetric n×n matrix: Householder reduction to
 * tridiagonal form, then implicit symmetric QR steps with Wilkinson shifts (Golub and Van
 * Loan, §8.3), which are backward stable — eigenvalues within a few ulps of ‖A‖ and
 * eigenvectors orthonormal to about n·ε.
 *
 * <p>Only one triangle of the input is read. Eigenvalues come out ascending; eigenvectors
 * follow {@link SignConvention}. The matrix is scaled by a power of two (exact) before the
 * work so that neither huge nor tiny entries overflow or underflow. Non-finite input gives
 * NaN everywhere instead of iterating on garbage.
 */
final class SymmetricEigen {

    /** (2⁻⁵³)², LAPACK's {@code eps2}. */
    private static final double UNIT_ROUNDOFF_SQUARED = 0x1.0p-106;
    /** QR steps allowed per eigenvalue before giving up: LAPACK {@code dsteqr}'s limit. */
    private static final int MAX_STEPS_PER_VALUE = 30;

    /** Ascending. */
    final double[] values;
    /** Row-major n×n, column j the eigenvector of {@code values[j]}; null when not asked for. */
    final double[] vectors;

    private final int n;
    private final double[] d;
    private final double[] e;
    /** Row i is the current i-th basis vector: the transpose of the accumulated rotations. */
    private final double[] zt;

    /**
     * Decomposes the n×n matrix at {@code data[offset …]} from its lower ({@code lower}) or
     * upper triangle.
     *
     * @throws ArithmeticException naming {@code op} if the QR iteration does not converge
     *                             (not seen for finite input; the limit keeps it from hanging)
     */
    SymmetricEigen(String op, double[] data, int offset, int n, boolean lower, boolean wantVectors) {
        this.n = n;
        this.d = new double[n];
        this.e = new double[Math.max(n - 1, 0)];
        double[] a = symmetric(data, offset, n, lower);
        if (!EuclideanNorm.allFinite(a)) {
            this.values = filled(n);
            this.vectors = wantVectors ? filled(n * n) : null;
            this.zt = null;
            return;
        }
        int exponent = EuclideanNorm.scaleExponent(a);
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.scalb(a[i], -exponent);
        }
        this.zt = wantVectors ? new double[n * n] : null;
        tridiagonalize(a);
        iterate(op);
        for (int i = 0; i < n; i++) {
            d[i] = Math.scalb(d[i], exponent);
        }
        int[] order = ascending(d);
        this.values = new double[n];
        for (int j = 0; j < n; j++) {
            values[j] = d[order[j]];
        }
        this.vectors = wantVectors ? columns(order) : null;
    }

    /** {@code {w (..., M), v (..., M, M)}} for every matrix of the stack, or {@code {w}} alone. */
    static Tensor[] ofStack(MatrixStack s, boolean lower, boolean wantVectors) {
        int n = s.rows;
        double[] w = new double[s.count * n];
        double[] v = wantVectors ? new double[s.data.length] : null;
        for (int i = 0; i < s.count; i++) {
            SymmetricEigen e = new SymmetricEigen(s.op, s.data, s.offset(i), n, lower, wantVectors);
            System.arraycopy(e.values, 0, w, i * n, n);
            if (wantVectors) {
                System.arraycopy(e.vectors, 0, v, s.offset(i), s.size());
            }
        }
        Tensor values = Tensor.wrap(w, MatrixStack.shape(s.batch, n));
        return wantVectors ? new Tensor[] {values, Tensor.wrap(v, s.shape.clone())} : new Tensor[] {values};
    }

    private static double[] symmetric(double[] data, int offset, int n, boolean lower) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = lower ? data[offset + i * n + j] : data[offset + j * n + i];
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    private static double[] filled(int size) {
        double[] x = new double[size];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    /**
     * {@code A = Q·T·Qᵀ}: fills d (diagonal) and e (off-diagonal) of T, and zt with Qᵀ.
     * Reflector k is taken from row k right of the diagonal (by symmetry, the column below it).
     */
    private void tridiagonalize(double[] a) {
        Householder[] reflectors = new Householder[Math.max(n - 2, 0)];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int s = k + 1;
            int len = n - s;
            Householder h = Householder.annihilate(a, k * n + s, len, 1);
            reflectors[k] = h;
            e[k] = h.beta;
            if (h.tau == 0) {
                continue;
            }
            // A₂₂ ← H·A₂₂·H = A₂₂ − v·wᵀ − w·vᵀ with p = τ·A₂₂·v and w = p − (τ/2)(pᵀv)·v.
            double[] v = h.v;
            double pv = 0;
            for (int i = 0; i < len; i++) {
                int row = (s + i) * n + s;
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    sum += a[row + j] * v[j];
                }
                p[i] = h.tau * sum;
                pv += p[i] * v[i];
            }
            double half = 0.5 * h.tau * pv;
            for (int i = 0; i < len; i++) {
                p[i] -= half * v[i];
            }
            for (int i = 0; i < len; i++) {
                int row = (s + i) * n + s;
                double vi = v[i];
                double wi = p[i];
                for (int j = 0; j < len; j++) {
                    a[row + j] -= vi * p[j] + wi * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
        }
        if (n >= 2) {
            e[n - 2] = a[(n - 2) * n + n - 1];
        }
        if (zt != null) {
            // Q = H₀·H₁·…·H_{n−3}, built innermost first; Qᵀ's rows are Q's columns.
            double[] q = new double[n * n];
            for (int i = 0; i < n; i++) {
                q[i * n + i] = 1;
            }
            for (int k = n - 3; k >= 0; k--) {
                reflectors[k].applyLeft(q, n, k + 1, k + 1, n);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    zt[j * n + i] = q[i * n + j];
                }
            }
        }
    }

    /** Implicit QR steps on the unreduced blocks of T until every off-diagonal entry is negligible. */
    private void iterate(String op) {
        int limit = MAX_STEPS_PER_VALUE * Math.max(n, 1);
        int steps = 0;
        int hi = n - 1;
        while (hi > 0) {
            if (negligible(hi - 1)) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && !negligible(lo - 1)) {
                lo--;
            }
            if (++steps > limit) {
                throw new ArithmeticException(op + ": eigenvalues did not converge after " + limit
                        + " QR steps on a " + n + "x" + n + " matrix");
            }
            step(lo, hi);
        }
    }

    /**
     * LAPACK {@code dsteqr}'s deflation test, e² ≤ ε²·|d_i·d_{i+1}| + tiny: stricter than
     * comparing with the sum, so small eigenvalues next to large ones keep their accuracy.
     */
    private boolean negligible(int i) {
        double off = e[i];
        return off * off <= UNIT_ROUNDOFF_SQUARED * Math.abs(d[i]) * Math.abs(d[i + 1]) + Double.MIN_NORMAL;
    }

    /**
     * One implicit QR step with Wilkinson shift on rows/columns lo..hi, in {@code dsteqr}'s
     * form: a rotation set by the shift creates a bulge below the subdiagonal and further
     * rotations chase it off the end, while the diagonal is updated through differences with
     * the shift ({@code g}, {@code p}), which loses less to rounding than rotating d directly.
     */
    private void step(int lo, int hi) {
        double p = d[hi];
        double g = (d[hi - 1] - p) / (2 * e[hi - 1]);
        double r = Math.hypot(g, 1);
        // d[lo] minus the eigenvalue of the trailing 2×2 nearer d[hi], without cancellation.
        g = d[lo] - p + e[hi - 1] / (g + (g >= 0 ? r : -r));
        double s = 1;
        double c = 1;
        p = 0;
        for (int i = lo; i < hi; i++) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(g, f);
            c = r == 0 ? 1 : g / r;
            s = r == 0 ? 0 : f / r;
            if (i > lo) {
                e[i - 1] = r;
            }
            g = d[i] - p;
            r = (d[i + 1] - g) * s + 2 * c * b;
            p = s * r;
            d[i] = g + p;
            g = c * r - b;
            if (zt != null) {
                rotateRows(i, c, s);
            }
        }
        d[hi] -= p;
        e[hi - 1] = g;
    }

    private void rotateRows(int k, double c, double s) {
        int p = k * n;
        int q = p + n;
        for (int i = 0; i < n; i++) {
            double u = zt[p + i];
            double w = zt[q + i];
            zt[p + i] = c * u + s * w;
            zt[q + i] = c * w - s * u;
        }
    }

    private static int[] ascending(double[] d) {
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable, so equal eigenvalues keep the order the iteration produced them in.
        Arrays.sort(order, (i, j) -> Double.compare(d[i], d[j]));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** The eigenvectors as columns in the given order, each with the sign convention applied. */
    private double[] columns(int[] order) {
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            int src = order[j] * n;
            boolean flip = SignConvention.flips(zt, src, n, 1);
            for (int i = 0; i < n; i++) {
                out[i * n + j] = flip ? SignConvention.negated(zt[src + i]) : zt[src + i];
            }
        }
        return out;
    }
}
