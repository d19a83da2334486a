package dev.cotangent.tensor;

/**
 * The sign Cotangent gives to eigenvectors and singular vectors, which are otherwise
 * defined only up to sign: the component of largest magnitude is made positive (the first
 * such component on exact ties), as scikit-learn's {@code svd_flip} does.
 *
 * <p>A fixed rule makes results reproducible and continuous in the input wherever the
 * largest component is unique, which is what finite-difference checks of derivatives need.
 * It jumps where two components tie in magnitude, e.g. at the eigenvector {@code (1, −1)/√2}.
 */
final class SignConvention {

    private SignConvention() {}

    /** Whether the vector {@code x[off + i·stride]}, {@code i < len}, must be negated. */
    static boolean flips(double[] x, int off, int len, int stride) {
        double best = -1;
        double value = 0;
        for (int i = 0, p = off; i < len; i++, p += stride) {
            double m = Math.abs(x[p]);
            if (m > best) {
                best = m;
                value = x[p];
            }
        }
        return value < 0;
    }

    /** Negates {@code x[off + i·stride]} for {@code i < len}. */
    static void negate(double[] x, int off, int len, int stride) {
        for (int i = 0, p = off; i < len; i++, p += stride) {
            x[p] = -x[p];
        }
    }
}
