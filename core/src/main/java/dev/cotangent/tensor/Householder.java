package dev.cotangent.tensor;

/**
 * One Householder reflector {@code H = I − τ·v·vᵀ} with {@code v[0] = 1}, built so that
 * {@code H·x = β·e₁} for a given column {@code x}, as LAPACK's {@code dlarfg} builds it.
 *
 * <p>Following {@code dlarfg} exactly ({@code β = −sign(x₀)·‖x‖}, {@code τ = 0} when
 * {@code x} is already a multiple of {@code e₁}) makes {@link QrDecomposition} give the same
 * signs as numpy, which calls LAPACK. QR and the tridiagonal reduction in
 * {@link SymmetricEigen} both use it.
 */
final class Householder {

    /** The vector, {@code v[0] = 1}. */
    final double[] v;
    /** The scalar; 0 means {@code H = I}. */
    final double tau;
    /** {@code H·x = beta·e₁}. */
    final double beta;

    private Householder(double[] v, double tau, double beta) {
        this.v = v;
        this.tau = tau;
        this.beta = beta;
    }

    /**
     * The reflector for {@code x = a[off + i·stride]}, {@code i < len}; overwrites that run
     * of {@code a} with {@code H·x = (β, 0, …, 0)}.
     */
    static Householder annihilate(double[] a, int off, int len, int stride) {
        double[] v = new double[len];
        if (len == 0) {
            return new Householder(v, 0, 0);
        }
        v[0] = 1;
        double alpha = a[off];
        double rest = len > 1 ? EuclideanNorm.of(a, off + stride, len - 1, stride) : 0;
        if (rest == 0) {
            return new Householder(v, 0, alpha);
        }
        double beta = -Math.copySign(Math.hypot(alpha, rest), alpha);
        double tau = (beta - alpha) / beta;
        // v = x / (α − β), where α − β has the magnitude of ‖x‖ or more: no cancellation.
        double scale = 1 / (alpha - beta);
        a[off] = beta;
        for (int i = 1, p = off + stride; i < len; i++, p += stride) {
            v[i] = a[p] * scale;
            a[p] = 0;
        }
        return new Householder(v, tau, beta);
    }

    /**
     * {@code B ← H·B} on the block of the row-major matrix {@code b} (leading dimension
     * {@code ld}) with rows {@code r0 … r0+len−1} and columns {@code c0 … c1−1}, where
     * {@code len = v.length}. Row-oriented: the work is two passes over contiguous rows.
     */
    void applyLeft(double[] b, int ld, int r0, int c0, int c1) {
        if (tau == 0 || c1 <= c0) {
            return;
        }
        int width = c1 - c0;
        double[] w = new double[width];
        for (int i = 0; i < v.length; i++) {
            double vi = v[i];
            int row = (r0 + i) * ld + c0;
            for (int j = 0; j < width; j++) {
                w[j] += vi * b[row + j];
            }
        }
        for (int i = 0; i < v.length; i++) {
            double f = tau * v[i];
            int row = (r0 + i) * ld + c0;
            for (int j = 0; j < width; j++) {
                b[row + j] -= f * w[j];
            }
        }
    }
}
