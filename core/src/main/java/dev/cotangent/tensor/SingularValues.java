package dev.cotangent.tensor;

import dev.cotangent.blas.JavaBlas;

import java.util.Arrays;

/**
 * The singular value decomposition {@code A = U·diag(s)·Vᵀ} of one m×n row-major matrix by
 * one-sided Jacobi (Hestenes; Demmel and Veselić): columns of the tall orientation of A are
 * rotated in pairs until they are mutually orthogonal, which leaves them equal to
 * {@code σⱼ·uⱼ} and the product of the rotations equal to V.
 *
 * <p>Jacobi is chosen over Golub–Kahan bidiagonalisation for accuracy and simplicity: it
 * is backward stable, gives orthogonal vectors to a few ε (V after one polishing step), and
 * for graded matrices (well conditioned up to a scaling of the columns) it computes small
 * singular values to high relative accuracy where bidiagonalisation promises only ε·σ₁.
 * The price is speed: some ten sweeps of n²/2 rotations (a 400×400 matrix takes about a
 * second). Singular values come out descending; the sign of each pair
 * (uⱼ, vⱼ) follows {@link SignConvention} applied to uⱼ. Left vectors that A does not
 * determine (those of zero singular values, and the extra ones of full matrices) are
 * completed to an orthonormal basis by Householder QR of the determined ones.
 */
final class SingularValues {

    /** What to compute. */
    enum Vectors { NONE, REDUCED, FULL }

    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS = 60;
    /** Squared column norms below this may have lost bits to underflow (squares of entries under ~1e-130). */
    private static final double SAFE_SQUARE = 0x1.0p-860;
    /**
     * Below this norm (after scaling A to entries near 1) a column is treated as exactly zero:
     * not rotated, and its left singular vector taken from the orthonormal completion.
     */
    private static final double NEGLIGIBLE = 0x1.0p-900;

    /** min(m, n) values, descending. */
    final double[] s;
    /** m×m (full) or m×min(m, n); null for {@link Vectors#NONE}. */
    final double[] u;
    /** n×n (full) or min(m, n)×n; null for {@link Vectors#NONE}. */
    final double[] vh;

    private final int big;
    private final int small;
    /** Row j: column j of the tall matrix B (A, or Aᵀ when A is wide), rotated. */
    private final double[][] g;
    /** Row j: column j of V, the accumulated rotations. */
    private final double[][] vt;

    /**
     * Decomposes the m×n matrix at {@code data[offset …]}.
     *
     * @throws ArithmeticException naming {@code op} if Jacobi sweeps do not converge (not
     *                             seen for finite input; the limit keeps it from hanging)
     */
    SingularValues(String op, double[] data, int offset, int m, int n, Vectors want) {
        boolean wide = m < n;
        this.big = Math.max(m, n);
        this.small = Math.min(m, n);
        this.g = new double[small][big];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double x = data[offset + i * n + j];
                if (wide) {
                    g[i][j] = x;
                } else {
                    g[j][i] = x;
                }
            }
        }
        boolean vectors = want != Vectors.NONE;
        this.vt = vectors ? identity(small) : null;
        int uCols = want == Vectors.FULL ? m : small;
        int vhRows = want == Vectors.FULL ? n : small;
        if (!finite()) {
            this.s = filled(small);
            this.u = vectors ? filled(m * uCols) : null;
            this.vh = vectors ? filled(vhRows * n) : null;
            return;
        }
        int exponent = scaleDown();
        orthogonalize(op);
        if (vt != null) {
            polish();
        }
        double[] sigma = new double[small];
        for (int j = 0; j < small; j++) {
            sigma[j] = EuclideanNorm.of(g[j], 0, big, 1);
        }
        int[] order = descending(sigma);
        this.s = new double[small];
        for (int j = 0; j < small; j++) {
            s[j] = Math.scalb(sigma[order[j]], exponent);
        }
        if (!vectors) {
            this.u = null;
            this.vh = null;
            return;
        }
        // "left" are the big-dimensional vectors, "right" the small-dimensional ones.
        double[][] left = leftVectors(sigma, order, want == Vectors.FULL ? big : small);
        double[][] right = new double[small][];
        for (int j = 0; j < small; j++) {
            right[j] = vt[order[j]];
        }
        for (int j = 0; j < left.length; j++) {
            // A pair's sign is set by its u vector, which is "right" when A is wide; the
            // vectors beyond min(m, n) have no partner and are oriented on their own.
            double[] key = wide && j < small ? right[j] : left[j];
            if (SignConvention.flips(key, 0, key.length, 1)) {
                SignConvention.negate(left[j], 0, big, 1);
                if (j < small) {
                    SignConvention.negate(right[j], 0, small, 1);
                }
            }
        }
        this.u = wide ? asColumns(right, m) : asColumns(left, m);
        this.vh = wide ? asRows(left, n) : asRows(right, n);
    }

    /**
     * {@code {u, s, vh}} for every matrix of the stack (shapes as {@link Linalg#svd(Tensor, boolean)}
     * describes), or {@code {s}} alone for {@link Vectors#NONE}.
     */
    static Tensor[] ofStack(MatrixStack a, Vectors want) {
        int m = a.rows;
        int n = a.cols;
        int k = Math.min(m, n);
        int uc = want == Vectors.FULL ? m : k;
        int vr = want == Vectors.FULL ? n : k;
        boolean vectors = want != Vectors.NONE;
        double[] u = new double[vectors ? a.count * m * uc : 0];
        double[] s = new double[a.count * k];
        double[] vh = new double[vectors ? a.count * vr * n : 0];
        for (int i = 0; i < a.count; i++) {
            SingularValues d = new SingularValues(a.op, a.data, a.offset(i), m, n, want);
            System.arraycopy(d.s, 0, s, i * k, k);
            if (vectors) {
                System.arraycopy(d.u, 0, u, i * m * uc, m * uc);
                System.arraycopy(d.vh, 0, vh, i * vr * n, vr * n);
            }
        }
        Tensor st = Tensor.wrap(s, MatrixStack.shape(a.batch, k));
        return !vectors ? new Tensor[] {st} : new Tensor[] {Tensor.wrap(u, MatrixStack.shape(a.batch, m, uc)), st,
                Tensor.wrap(vh, MatrixStack.shape(a.batch, vr, n))};
    }

    private boolean finite() {
        for (double[] row : g) {
            if (!EuclideanNorm.allFinite(row)) {
                return false;
            }
        }
        return true;
    }

    /** Scales B by a power of two (exact) so its largest entry is near 1; returns the exponent. */
    private int scaleDown() {
        double max = 0;
        for (double[] row : g) {
            for (double x : row) {
                max = Math.max(max, Math.abs(x));
            }
        }
        int exponent = max == 0 ? 0 : Math.getExponent(max);
        for (double[] row : g) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.scalb(row[i], -exponent);
            }
        }
        return exponent;
    }

    /**
     * Cyclic sweeps over column pairs. A pair is rotated when its cosine exceeds √m·ε (LAPACK
     * {@code dgesvj}'s tolerance, above the rounding noise of the dot product); the rotation
     * angle solves the 2×2 symmetric eigenproblem of the pair's Gram matrix exactly.
     */
    private void orthogonalize(String op) {
        double tol = EPS * Math.sqrt(big);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < small - 1; i++) {
                for (int j = i + 1; j < small; j++) {
                    rotated |= rotatePair(i, j, tol);
                }
            }
            if (!rotated) {
                return;
            }
        }
        throw new ArithmeticException(op + ": SVD did not converge after " + MAX_SWEEPS + " Jacobi sweeps on a "
                + big + "x" + small + " matrix");
    }

    /**
     * Rotates columns i and j to be orthogonal if their cosine exceeds {@code tol}; returns
     * whether it did. Reports false for a rotation too small to change anything, so that a
     * pair whose coupling lies below double precision cannot keep the sweeps going.
     */
    private boolean rotatePair(int i, int j, double tol) {
        double[] gi = g[i];
        double[] gj = g[j];
        double alpha = 0;
        double beta = 0;
        double gamma = 0;
        for (int k = 0; k < big; k++) {
            alpha += gi[k] * gi[k];
            beta += gj[k] * gj[k];
            gamma += gi[k] * gj[k];
        }
        double zeta;
        if (alpha > SAFE_SQUARE && beta > SAFE_SQUARE) {
            if (!(Math.abs(gamma) > tol * Math.sqrt(alpha) * Math.sqrt(beta))) {
                return false;
            }
            zeta = (beta - alpha) / (2 * gamma);
        } else {
            // A column so small that its squares underflow: redo the sums on exactly scaled copies.
            double ni = EuclideanNorm.of(gi, 0, big, 1);
            double nj = EuclideanNorm.of(gj, 0, big, 1);
            if (ni <= NEGLIGIBLE || nj <= NEGLIGIBLE) {
                // Treated as zero here as in leftVectors: its few significant bits are rounding
                // residue, and rotating against it would only stir subnormals forever.
                return false;
            }
            double cos = scaledCosine(gi, ni, gj, nj);
            if (!(Math.abs(cos) > tol)) {
                return false;
            }
            double ratio = nj / ni;
            zeta = (ratio - 1 / ratio) / (2 * cos);
        }
        // The smaller root of t² + 2ζt − 1 = 0, so the rotation angle is at most π/4.
        double t = Math.abs(zeta) > 1e150 ? 0.5 / zeta
                : Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        if (t == 0 || !Double.isFinite(t)) {
            return false;
        }
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        rotate(gi, gj, c, s);
        if (vt != null) {
            rotate(vt[i], vt[j], c, s);
        }
        return true;
    }

    /** {@code x·y / (‖x‖·‖y‖)} with both scaled by powers of two (exact) to keep the products in range. */
    private double scaledCosine(double[] x, double nx, double[] y, double ny) {
        double sx = Math.scalb(1.0, -Math.getExponent(nx));
        double sy = Math.scalb(1.0, -Math.getExponent(ny));
        double dot = 0;
        for (int k = 0; k < big; k++) {
            dot += (x[k] * sx) * (y[k] * sy);
        }
        return dot / ((nx * sx) * (ny * sy));
    }

    /**
     * One Newton–Schulz step towards the nearest orthogonal matrix, {@code V ← V·(3I − VᵀV)/2}.
     * The thousands of rotations accumulated in V leave it off orthogonal by about n·ε (250ε at
     * n = 200); the step squares that deviation, down to a few ε, for about a tenth of the
     * cost of the sweeps, and halves the reconstruction error too.
     */
    private void polish() {
        int n = small;
        double[] v = new double[n * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(vt[j], 0, v, j * n, n);
        }
        // v is Vᵀ row-major, so v·vᵀ = VᵀV and the update is Vᵀ ← (3I − VᵀV)/2 · Vᵀ.
        double[] x = new double[n * n];
        JavaBlas.gemm(false, true, n, n, n, -0.5, v, 0, n, v, 0, n, 0, x, 0, n);
        for (int i = 0; i < n; i++) {
            x[i * n + i] += 1.5;
        }
        double[] out = new double[n * n];
        JavaBlas.gemm(false, false, n, n, n, 1, x, 0, n, v, 0, n, 0, out, 0, n);
        for (int j = 0; j < n; j++) {
            System.arraycopy(out, j * n, vt[j], 0, n);
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int k = 0; k < x.length; k++) {
            double a = x[k];
            double b = y[k];
            x[k] = c * a - s * b;
            y[k] = s * a + c * b;
        }
    }

    /**
     * The normalised columns of B in singular-value order, completed to {@code count}
     * orthonormal vectors: the determined ones span a subspace, and the last columns of a
     * complete QR of them are an orthonormal basis of its complement.
     */
    private double[][] leftVectors(double[] sigma, int[] order, int count) {
        double[][] left = new double[count][];
        int determined = 0;
        while (determined < small && sigma[order[determined]] > NEGLIGIBLE) {
            double[] col = g[order[determined]];
            double inv = 1 / sigma[order[determined]];
            for (int k = 0; k < big; k++) {
                col[k] *= inv;
            }
            left[determined] = col;
            determined++;
        }
        if (determined < count) {
            double[] basis = new double[big * determined];
            for (int j = 0; j < determined; j++) {
                for (int k = 0; k < big; k++) {
                    basis[k * determined + j] = left[j][k];
                }
            }
            double[] q = new QrDecomposition(basis, big, determined).q(big);
            for (int j = determined; j < count; j++) {
                double[] col = new double[big];
                for (int k = 0; k < big; k++) {
                    col[k] = q[k * big + j];
                }
                left[j] = col;
            }
        }
        return left;
    }

    private static int[] descending(double[] sigma) {
        Integer[] order = new Integer[sigma.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(sigma[j], sigma[i]));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) {
            x[i][i] = 1;
        }
        return x;
    }

    private static double[] filled(int size) {
        double[] x = new double[size];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    /** Vectors of length {@code rows} as the columns of a rows×vectors.length matrix. */
    private static double[] asColumns(double[][] vectors, int rows) {
        int cols = vectors.length;
        double[] out = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i * cols + j] = vectors[j][i];
            }
        }
        return out;
    }

    /** Vectors of length {@code cols} as the rows of a vectors.length×cols matrix. */
    private static double[] asRows(double[][] vectors, int cols) {
        double[] out = new double[vectors.length * cols];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
