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
    /**
     * The two innermost loops are a transpose (one is unit-stride on the input, the other on
     * the output) and long enough that walking them in {@value #TILE}² tiles keeps both
     * sides in cache.
     */
    private final boolean tiled;

    static final int TILE = 16;

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
        int r = extents.length;
        this.tiled = !s && r >= 2 && extents[r - 1] >= TILE && extents[r - 2] >= TILE
                && (inStrides[r - 1] == 1 && outStrides[r - 2] == 1 || outStrides[r - 1] == 1 && inStrides[r - 2] == 1);
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
        // The innermost loop (two when tiled) runs in a kernel; an odometer runs the others.
        int outer = rank - (tiled ? 2 : 1);
        int[] index = new int[outer];
        int ip = 0;
        int op = 0;
        while (true) {
            if (tiled) {
                tiles(in, ip, out, op, rank - 2);
            } else if (sums) {
                accumulate(in, ip, inStrides[outer], out, op, outStrides[outer], extents[outer]);
            } else {
                assign(in, ip, inStrides[outer], out, op, outStrides[outer], extents[outer]);
            }
            int d = outer - 1;
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

    /** Loops {@code d} and {@code d+1} in square tiles, so a transpose misses cache once per line. */
    private void tiles(double[] in, int ip, double[] out, int op, int d) {
        int n0 = extents[d];
        int n1 = extents[d + 1];
        int is0 = inStrides[d];
        int os0 = outStrides[d];
        int is1 = inStrides[d + 1];
        int os1 = outStrides[d + 1];
        for (int t0 = 0; t0 < n0; t0 += TILE) {
            int e0 = Math.min(n0, t0 + TILE);
            for (int t1 = 0; t1 < n1; t1 += TILE) {
                int e1 = Math.min(n1, t1 + TILE);
                for (int i0 = t0; i0 < e0; i0++) {
                    int ib = ip + i0 * is0;
                    int ob = op + i0 * os0;
                    for (int i1 = t1; i1 < e1; i1++) {
                        out[ob + i1 * os1] = in[ib + i1 * is1];
                    }
                }
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
                // Four partial sums break the chain of dependent additions.
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int t = 0;
                for (; t + 4 <= n; t += 4) {
                    sum += in[ip + t];
                    s1 += in[ip + t + 1];
                    s2 += in[ip + t + 2];
                    s3 += in[ip + t + 3];
                }
                for (; t < n; t++) {
                    sum += in[ip + t];
                }
                sum = (sum + s1) + (s2 + s3);
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
