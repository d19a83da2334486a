package dev.cotangent.blas.openblas;

import dev.cotangent.blas.Blas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

/** The kinds of buffer a caller may hand to a {@link Blas}, each holding given contents. */
enum BufferKind {
    /** From {@link OpenBlas#allocateDirect}: used in place. */
    DIRECT {
        @Override
        DoubleBuffer holding(double[] data) {
            DoubleBuffer b = BLAS.allocateDirect(data.length).buffer();
            b.put(0, data);
            return b;
        }
    },
    /** {@link DoubleBuffer#wrap(double[])}: copied for every call. */
    HEAP {
        @Override
        DoubleBuffer holding(double[] data) {
            return DoubleBuffer.wrap(data.clone());
        }
    },
    /** A heap slice with a non-zero array offset, and position and limit that must be ignored. */
    HEAP_SLICE {
        @Override
        DoubleBuffer holding(double[] data) {
            double[] big = new double[data.length + 7];
            System.arraycopy(data, 0, big, 5, data.length);
            DoubleBuffer b = DoubleBuffer.wrap(big, 5, data.length).slice();
            b.position(data.length / 2).limit(data.length / 2 + (data.length > 0 ? 1 : 0));
            return b;
        }
    },
    /** Direct but big-endian, which native code cannot read in place. */
    DIRECT_BIG_ENDIAN {
        @Override
        DoubleBuffer holding(double[] data) {
            DoubleBuffer b = ByteBuffer.allocateDirect(data.length * Double.BYTES).order(ByteOrder.BIG_ENDIAN)
                    .asDoubleBuffer();
            b.put(0, data);
            return b;
        }
    };

    static final OpenBlas BLAS = new OpenBlas();

    abstract DoubleBuffer holding(double[] data);

    /** The whole contents, ignoring position and limit. */
    static double[] contents(DoubleBuffer b) {
        double[] out = new double[b.capacity()];
        b.duplicate().clear().get(0, out);
        return out;
    }

    static double[] gaussian(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble(-1, 1);
            double v = random.nextDouble(-1, 1);
            out[i] = u + 0.5 * v * v * v;
        }
        return out;
    }

    /** Fails unless {@code actual} equals {@code expected} to {@code 1e-12} of its largest element. */
    static void assertClose(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        double scale = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            boolean same = Double.compare(expected[i], actual[i]) == 0
                    || Math.abs(expected[i] - actual[i]) <= 1e-12 * scale;
            if (!same) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (scale " + scale + ")");
            }
        }
    }
}
