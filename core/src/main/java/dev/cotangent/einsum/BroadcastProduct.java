package dev.cotangent.einsum;

/**
 * The elementwise product of two arrays read by strides into a fresh row-major output:
 * {@code out[i] = x[Σ i·xStride] · y[Σ i·yStride]}, where a stride of 0 broadcasts. This is
 * einsum's fast path for pairs that share no summed label: Hadamard products ({@code ij,ij->ij}),
 * broadcasting ({@code ...,...->...}), outer products ({@code i,j->ij}) and scaling by a
 * rank-0 operand, none of which should pay for a GEMM with k = 1.
 *
 * <p>Built once per plan: loops of extent 1 are dropped and loops that are contiguous on
 * all three sides are merged, so a same-layout Hadamard product is one flat loop and an
 * outer product is a scalar times a row.
 */
final class BroadcastProduct {

    private final int[] extents;
    private final int[] xStrides;
    private final int[] yStrides;
    private final int outSize;

    private BroadcastProduct(int[] extents, int[] xStrides, int[] yStrides, int outSize) {
        this.extents = extents;
        this.xStrides = xStrides;
        this.yStrides = yStrides;
        this.outSize = outSize;
    }

    /** A product over the output's row-major axes of the given extents. */
    static BroadcastProduct of(int[] extents, int[] xStrides, int[] yStrides) {
        int size = 1;
        int n = 0;
        int[] e = new int[extents.length];
        int[] xs = new int[extents.length];
        int[] ys = new int[extents.length];
        for (int d = 0; d < extents.length; d++) {
            size *= extents[d];
            if (extents[d] == 1) {
                continue;
            }
            // The output is contiguous, so neighbours merge when x and y are contiguous too.
            if (n > 0 && xs[n - 1] == xStrides[d] * extents[d] && ys[n - 1] == yStrides[d] * extents[d]) {
                e[n - 1] *= extents[d];
                xs[n - 1] = xStrides[d];
                ys[n - 1] = yStrides[d];
            } else {
                e[n] = extents[d];
                xs[n] = xStrides[d];
                ys[n] = yStrides[d];
                n++;
            }
        }
        return new BroadcastProduct(java.util.Arrays.copyOf(e, n), java.util.Arrays.copyOf(xs, n),
                java.util.Arrays.copyOf(ys, n), size);
    }

    /** A fresh output array. */
    double[] apply(double[] x, double[] y) {
        double[] out = new double[outSize];
        if (outSize == 0) {
            return out;
        }
        int rank = extents.length;
        if (rank == 0) {
            out[0] = x[0] * y[0];
            return out;
        }
        int inner = rank - 1;
        int n = extents[inner];
        int xs = xStrides[inner];
        int ys = yStrides[inner];
        int[] index = new int[rank];
        int xp = 0;
        int yp = 0;
        for (int op = 0; ; op += n) {
            row(x, xp, xs, y, yp, ys, out, op, n);
            int d = rank - 2;
            for (; d >= 0; d--) {
                xp += xStrides[d];
                yp += yStrides[d];
                if (++index[d] < extents[d]) {
                    break;
                }
                xp -= xStrides[d] * extents[d];
                yp -= yStrides[d] * extents[d];
                index[d] = 0;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    private static void row(double[] x, int xp, int xs, double[] y, int yp, int ys, double[] out, int op, int n) {
        if (xs == 1 && ys == 1) {
            for (int t = 0; t < n; t++) {
                out[op + t] = x[xp + t] * y[yp + t];
            }
        } else if (xs == 0 && ys == 1) {
            double v = x[xp];
            for (int t = 0; t < n; t++) {
                out[op + t] = v * y[yp + t];
            }
        } else if (xs == 1 && ys == 0) {
            double v = y[yp];
            for (int t = 0; t < n; t++) {
                out[op + t] = x[xp + t] * v;
            }
        } else {
            for (int t = 0; t < n; t++) {
                out[op + t] = x[xp + t * xs] * y[yp + t * ys];
            }
        }
    }
}
