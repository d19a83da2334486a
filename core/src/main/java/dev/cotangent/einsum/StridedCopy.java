package dev.cotangent.einsum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One pass over a loop nest that moves elements from an input array to a fresh output array
 * by strides: {@code out[Σ i·outStride] (+)= in[Σ i·inStride]}. With the right strides it
 * is a transpose, a diagonal (input stride = sum of the repeated axes' strides), a sum over
 * axes (output stride 0), a broadcast (input stride 0) or a scatter onto a diagonal, so
 * einsum needs no other data-movement kernel.
 *
 * <p>Built once per plan: loops of extent 1 are dropped, loops are ordered so that the input
 * is read as contiguously as possible, and neighbours that are contiguous on both sides are
 * merged, which turns most real cases into one or two long unit-stride loops.
 */
final class StridedCopy {

    private final int[] extents;
    private final int[] inStrides;
    private final int[] outStrides;
    private final int outSize;
    private final boolean empty;
    /** Some loop of extent above 1 has output stride 0: elements are summed, not assigned. */
    private final boolean sums;

    private StridedCopy(int[] extents, int[] inStrides, int[] outStrides, int outSize, boolean empty) {
        this.extents = extents;
        this.inStrides = inStrides;
        this.outStrides = outStrides;
        this.outSize = outSize;
        this.empty = empty;
        boolean s = false;
        for (int d = 0; d < extents.length; d++) {
            s |= outStrides[d] == 0;
        }
        this.sums = s;
    }

    /**
     * A copy over loops of the given extents; {@code outSize} is the length of the output
     * array, whose elements that no loop reaches stay 0.
     */
    static StridedCopy of(int[] extents, int[] inStrides, int[] outStrides, int outSize) {
        boolean empty = false;
        List<int[]> loops = new ArrayList<>();
        for (int d = 0; d < extents.length; d++) {
            empty |= extents[d] == 0;
            if (extents[d] > 1) {
                loops.add(new int[] {extents[d], inStrides[d], outStrides[d]});
            }
        }
        // Outer loops first by the larger of their two strides, so that the innermost loop
        // is unit-stride on at least one side; ties read the input contiguously.
        loops.sort(Comparator.<int[]>comparingInt(l -> -Math.max(l[1], l[2]))
                .thenComparingInt(l -> -l[1]).thenComparingInt(l -> -l[2]));
        List<int[]> merged = new ArrayList<>();
        for (int[] loop : loops) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[1] == loop[1] * loop[0] && last[2] == loop[2] * loop[0]) {
                merged.set(merged.size() - 1, new int[] {last[0] * loop[0], loop[1], loop[2]});
            } else {
                merged.add(loop);
            }
        }
        int n = merged.size();
        int[] e = new int[n];
        int[] is = new int[n];
        int[] os = new int[n];
        for (int d = 0; d < n; d++) {
            e[d] = merged.get(d)[0];
            is[d] = merged.get(d)[1];
            os[d] = merged.get(d)[2];
        }
        return new StridedCopy(e, is, os, outSize, empty);
    }

    /** Row-major strides of a shape, as {@code long}-free ints (shapes are checked elsewhere). */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = step;
            step *= shape[d];
        }
        return s;
    }

    /** A fresh output array filled from {@code in}. */
    double[] apply(double[] in) {
        double[] out = new double[outSize];
        if (empty || outSize == 0) {
            return out;
        }
        int rank = extents.length;
        if (rank == 0) {
            out[0] = in[0];
            return out;
        }
        int inner = rank - 1;
        int n = extents[inner];
        int is = inStrides[inner];
        int os = outStrides[inner];
        int[] index = new int[rank];
        int ip = 0;
        int op = 0;
        while (true) {
            if (sums) {
                accumulate(in, ip, is, out, op, os, n);
            } else {
                assign(in, ip, is, out, op, os, n);
            }
            int d = rank - 2;
            for (; d >= 0; d--) {
                ip += inStrides[d];
                op += outStrides[d];
                if (++index[d] < extents[d]) {
                    break;
                }
                ip -= inStrides[d] * extents[d];
                op -= outStrides[d] * extents[d];
                index[d] = 0;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    private static void assign(double[] in, int ip, int is, double[] out, int op, int os, int n) {
        if (is == 1 && os == 1) {
            System.arraycopy(in, ip, out, op, n);
        } else if (is == 0) {
            double v = in[ip];
            for (int t = 0; t < n; t++) {
                out[op + t * os] = v;
            }
        } else if (os == 1) {
            for (int t = 0; t < n; t++) {
                out[op + t] = in[ip + t * is];
            }
        } else {
            for (int t = 0; t < n; t++) {
                out[op + t * os] = in[ip + t * is];
            }
        }
    }

    private static void accumulate(double[] in, int ip, int is, double[] out, int op, int os, int n) {
        if (os == 0) {
            double sum = 0;
            if (is == 1) {
                for (int t = 0; t < n; t++) {
                    sum += in[ip + t];
                }
            } else {
                for (int t = 0; t < n; t++) {
                    sum += in[ip + t * is];
                }
            }
            out[op] += sum;
        } else if (is == 1 && os == 1) {
            for (int t = 0; t < n; t++) {
                out[op + t] += in[ip + t];
            }
        } else {
            for (int t = 0; t < n; t++) {
                out[op + t * os] += in[ip + t * is];
            }
        }
    }
}
