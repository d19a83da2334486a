package dev.cotangent.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Naive references for the tests of {@link Tensor}, {@link Np} and {@link Scatter}: index
 * arithmetic written out by hand on plain arrays, so that an expected value never comes
 * from the code under test. A tensor's elements are read only through {@link Tensor#toArray()}
 * and {@link Tensor#shape()}, and built only with {@link Tensor#of(double[], int...)}.
 */
final class Naive {

    private Naive() {}

    // ---------------------------------------------------------------- index arithmetic

    /** The number of elements of {@code shape}. */
    static int size(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The row-major position of {@code index} in {@code shape}. */
    static int flat(int[] shape, int[] index) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + index[d];
        }
        return f;
    }

    /** The multi-index of row-major position {@code flat} in {@code shape}. */
    static int[] unflat(int[] shape, int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** Element {@code index} of {@code t}. */
    static double at(Tensor t, int... index) {
        return elements(t)[flat(t.shape(), index)];
    }

    /** Recently read tensors and their elements, so that loops over {@link #at} do not copy each time. */
    private static final ThreadLocal<Object[][]> RECENT = ThreadLocal.withInitial(() -> new Object[4][]);

    /** {@code t.toArray()}, kept for the last few tensors read (tensors are immutable). */
    private static double[] elements(Tensor t) {
        Object[][] recent = RECENT.get();
        for (Object[] entry : recent) {
            if (entry != null && entry[0] == t) {
                return (double[]) entry[1];
            }
        }
        double[] data = t.toArray();
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        recent[0] = new Object[] {t, data};
        return data;
    }

    /** A tensor of {@code shape} whose element at each index is {@code f(index)}. */
    static Tensor build(int[] shape, ToDoubleFunction<int[]> f) {
        double[] data = new double[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = f.applyAsDouble(unflat(shape, i));
        }
        return Tensor.of(data, shape);
    }

    /** numpy's broadcast of two shapes, or {@code null} if they do not broadcast. */
    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - rank + a.length];
            int db = i < rank - b.length ? 1 : b[i - rank + b.length];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The element of {@code t} that numpy reads at {@code index} of a broadcast result. */
    static double broadcastAt(Tensor t, int[] index) {
        int[] s = t.shape();
        int[] own = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            int i = index[index.length - s.length + d];
            own[d] = s[d] == 1 ? 0 : i;
        }
        return at(t, own);
    }

    /** {@code index} with {@code value} inserted at position {@code at}. */
    static int[] insert(int[] index, int at, int value) {
        int[] out = new int[index.length + 1];
        System.arraycopy(index, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(index, at, out, at + 1, index.length - at);
        return out;
    }

    /** {@code index} without position {@code at}. */
    static int[] remove(int[] index, int at) {
        int[] out = new int[index.length - 1];
        System.arraycopy(index, 0, out, 0, at);
        System.arraycopy(index, at + 1, out, at, index.length - at - 1);
        return out;
    }

    // ---------------------------------------------------------------- data

    /** Values spread over [−3, 3) from a seeded generator of the test's own. */
    static Tensor random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] data = new double[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = 2 * r.nextDouble() - 1 + r.nextInt(-2, 3);
        }
        return Tensor.of(data, shape);
    }

    /** {@code 0, 1, 2, …} in {@code shape}: every element tells where it came from. */
    static Tensor iota(int... shape) {
        double[] data = new double[size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        return Tensor.of(data, shape);
    }

    /** Σ a·b over the elements, for the inner-product identities. */
    static double inner(Tensor a, Tensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double[] x = a.toArray();
        double[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- assertions

    /** Same shape and bit-for-bit the same elements (NaN equal to NaN, −0 apart from 0). */
    static void assertExactly(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        assertThat(actual.toArray()).as("elements of %s", Arrays.toString(expected.shape()))
                .containsExactly(expected.toArray());
    }

    /** Same shape and elements within {@code tol·max(1, |expected|)}; NaNs must match. */
    static void assertClose(Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertThat(a[i]).as("element %d", i).isNaN();
            } else if (Double.isInfinite(e[i])) {
                assertThat(a[i]).as("element %d", i).isEqualTo(e[i]);
            } else {
                assertThat(Math.abs(a[i] - e[i])).as("element %d: %s vs expected %s", i, a[i], e[i])
                        .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(e[i])));
            }
        }
    }
}
