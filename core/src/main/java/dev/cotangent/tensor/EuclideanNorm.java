package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

/**
 * The 2-norm of a strided run of doubles, computed without overflow or underflow: the
 * elements are scaled by a power of two near the largest magnitude (an exact operation)
 * before squaring, so {@code [1e200, 1e200]} gives {@code 1.414e200}, not infinity.
 */
final class EuclideanNorm {

    private EuclideanNorm() {}

    /** {@code sqrt(Σ x[off + i·stride]²)} for {@code i < len}; NaN if any element is NaN. */
    static double of(double[] x, int off, int len, int stride) {
        double max = 0;
        for (int i = 0, p = off; i < len; i++, p += stride) {
            double v = Math.abs(x[p]);
            if (v != v) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        if (max == 0 || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        // A power of two keeps the scaling exact, so the result rounds like the plain formula.
        int exponent = Math.getExponent(max);
        double down = Math.scalb(1.0, -exponent);
        double sum = 0;
        for (int i = 0, p = off; i < len; i++, p += stride) {
            double v = x[p] * down;
            sum += v * v;
        }
        return Math.scalb(Math.sqrt(sum), exponent);
    }

    /** The 2-norm of every vector along {@code axis} (checked, may be negative) of {@code x}. */
    static Tensor alongAxis(String op, Tensor x, int axis, boolean keepdims) {
        int[] shape = x.shapeRef();
        int ax = Shapes.axis(op, axis, shape);
        int len = shape[ax];
        int inner = Shapes.size(Arrays.copyOfRange(shape, ax + 1, shape.length));
        int outer = Shapes.size(Arrays.copyOf(shape, ax));
        double[] d = x.data();
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = of(d, o * len * inner + i, len, inner);
            }
        }
        return Tensor.wrap(out, Shapes.reduced(shape, new int[] {ax}, keepdims));
    }

    /** The exponent {@code e} such that dividing by {@code 2^e} brings the largest magnitude near 1. */
    static int scaleExponent(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max == 0 ? 0 : Math.getExponent(max);
    }

    /** Whether every element is finite (neither NaN nor infinite). */
    static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
