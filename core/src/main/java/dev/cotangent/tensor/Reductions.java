package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

/**
 * Reduction kernels: sum, product, maximum and minimum over a set of axes. Each walks the
 * input once in storage order and accumulates into the output element its index maps to.
 */
final class Reductions {

    enum Kind {
        SUM(0.0), PROD(1.0), MAX(Double.NEGATIVE_INFINITY), MIN(Double.POSITIVE_INFINITY);

        final double identity;

        Kind(double identity) {
            this.identity = identity;
        }
    }

    private Reductions() {}

    /**
     * Reduces {@code x} over {@code axes} (already normalised, distinct). Max and min of an
     * empty axis are refused like numpy does ("zero-size array to reduction operation").
     */
    static Tensor reduce(String op, Tensor x, int[] axes, boolean keepdims, Kind kind) {
        int[] shape = x.shapeRef();
        int[] kept = Shapes.reduced(shape, axes, true);
        int[] outShape = keepdims ? kept : Shapes.reduced(shape, axes, false);
        double[] a = x.data();
        double[] out = new double[Shapes.size(kept)];
        if ((kind == Kind.MAX || kind == Kind.MIN) && a.length == 0 && out.length > 0) {
            throw new IllegalArgumentException(op + ": zero-size tensor of shape " + Shapes.str(shape)
                    + " has no " + (kind == Kind.MAX ? "maximum" : "minimum") + " along the reduced axes");
        }
        java.util.Arrays.fill(out, kind.identity);
        if (a.length == 0) {
            return Tensor.wrap(out, outShape);
        }
        if (out.length == 1) {
            out[0] = accumulateFlat(a, kind);
            return Tensor.wrap(out, outShape);
        }
        int[] outStrides = Shapes.broadcastStrides(kept, shape);
        int rank = shape.length;
        int[] counter = new int[rank];
        int inner = shape[rank - 1];
        int innerStride = outStrides[rank - 1];
        int o = 0;
        for (int i = 0; i < a.length; i += inner) {
            switch (kind) {
                case SUM -> {
                    if (innerStride == 0) {
                        double s = out[o];
                        for (int j = 0; j < inner; j++) {
                            s += a[i + j];
                        }
                        out[o] = s;
                    } else {
                        for (int j = 0; j < inner; j++) {
                            out[o + j] += a[i + j];
                        }
                    }
                }
                case PROD -> {
                    for (int j = 0; j < inner; j++) {
                        out[o + j * innerStride] *= a[i + j];
                    }
                }
                case MAX -> {
                    for (int j = 0; j < inner; j++) {
                        int k = o + j * innerStride;
                        out[k] = max(out[k], a[i + j]);
                    }
                }
                case MIN -> {
                    for (int j = 0; j < inner; j++) {
                        int k = o + j * innerStride;
                        out[k] = min(out[k], a[i + j]);
                    }
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                o += outStrides[d];
                if (++counter[d] < shape[d]) {
                    break;
                }
                o -= outStrides[d] * shape[d];
                counter[d] = 0;
            }
        }
        return Tensor.wrap(out, outShape);
    }

    private static double accumulateFlat(double[] a, Kind kind) {
        double acc = kind.identity;
        switch (kind) {
            case SUM -> {
                // Pairwise blocks keep the rounding error of long sums small, as numpy does.
                acc = pairwiseSum(a, 0, a.length);
            }
            case PROD -> {
                for (double v : a) {
                    acc *= v;
                }
            }
            case MAX -> {
                for (double v : a) {
                    acc = max(acc, v);
                }
            }
            case MIN -> {
                for (double v : a) {
                    acc = min(acc, v);
                }
            }
        }
        return acc;
    }

    static double pairwiseSum(double[] a, int from, int to) {
        int n = to - from;
        if (n <= 128) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += a[i];
            }
            return s;
        }
        int mid = from + n / 2;
        return pairwiseSum(a, from, mid) + pairwiseSum(a, mid, to);
    }

    /** numpy's maximum: NaN wins. */
    static double max(double a, double b) {
        return a >= b || Double.isNaN(a) ? a : b;
    }

    /** numpy's minimum: NaN wins. */
    static double min(double a, double b) {
        return a <= b || Double.isNaN(a) ? a : b;
    }

    /** Cumulative sum along one axis (normalised). */
    static Tensor cumsum(Tensor x, int axis, boolean reverse) {
        int[] shape = x.shapeRef();
        double[] a = x.data();
        double[] out = new double[a.length];
        int n = shape[axis];
        int outer = Shaping.product(shape, 0, axis);
        int inner = Shaping.product(shape, axis + 1, shape.length);
        for (int p = 0; p < outer; p++) {
            int base = p * n * inner;
            for (int q = 0; q < inner; q++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    int i = base + (reverse ? n - 1 - t : t) * inner + q;
                    s += a[i];
                    out[i] = s;
                }
            }
        }
        return Tensor.wrap(out, shape);
    }
}
