package dev.cotangent.tensor;

/**
 * The sign Cotangent gives to eigenvectors and singular vectors, which are otherwise
 * defined only up to sign: the component of largest magnitude is made positive, as
 * scikit-learn's {@code svd_flip} does. Magnitudes within a relative {@value #TIE} of the
 * largest count as tied, and the first of them decides.
 *
 * <p>A fixed rule makes results reproducible and continuous in the input wherever the
 * largest component is clearly unique, which is what finite-difference checks of
 * derivatives need. The tolerance makes exact ties such as the eigenvector
 * {@code (1, −1)/√2} come out the same whatever the rounding (otherwise the last bit would
 * pick the sign); near such ties the sign necessarily jumps.
 */
final class SignConvention {

    static final double TIE = 1e-12;

    private SignConvention() {}

    /** Whether the vector {@code x[off + i·stride]}, {@code i < len}, must be negated. */
    static boolean flips(double[] x, int off, int len, int stride) {
        double max = 0;
        for (int i = 0, p = off; i < len; i++, p += stride) {
            max = Math.max(max, Math.abs(x[p]));
        }
        double threshold = max * (1 - TIE);
        for (int i = 0, p = off; i < len; i++, p += stride) {
            if (Math.abs(x[p]) >= threshold) {
                return x[p] < 0;
            }
        }
        return false;
    }

    /** Negates {@code x[off + i·stride]} for {@code i < len}, leaving zeros +0.0 rather than −0.0. */
    static void negate(double[] x, int off, int len, int stride) {
        for (int i = 0, p = off; i < len; i++, p += stride) {
            x[p] = negated(x[p]);
        }
    }

    /** {@code −v}, except that 0.0 stays 0.0 (a −0.0 would print as "-0." and break equality). */
    static double negated(double v) {
        return 0.0 - v;
    }
}
