package dev.cotangent.blas.openblas;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.JavaBlas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.cotangent.blas.openblas.BufferKind.BLAS;
import static dev.cotangent.blas.openblas.BufferKind.assertClose;
import static dev.cotangent.blas.openblas.BufferKind.contents;
import static dev.cotangent.blas.openblas.BufferKind.gaussian;

/** dgemm and dgemmBatch against {@link JavaBlas} on random problems, buffers of every kind. */
class OpenBlasGemmTest {

    /** m, n, k: empty, unit, thin, odd and blocked sizes. */
    private static final int[][] SHAPES = {
        {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0}, {1, 1, 1}, {1, 5, 1}, {5, 1, 7}, {1, 1, 9},
        {4, 4, 4}, {7, 9, 11}, {33, 17, 65},
    };

    static Stream<Arguments> cases() {
        return withTransposes(BufferKind.values());
    }

    static Stream<Arguments> directAndHeap() {
        return withTransposes(BufferKind.DIRECT, BufferKind.HEAP);
    }

    /** Each kind with all four (transA, transB). */
    private static Stream<Arguments> withTransposes(BufferKind... kinds) {
        List<Arguments> out = new ArrayList<>();
        for (BufferKind kind : kinds) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(kind, (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    /** One dgemm problem with padding (ld > cols) and offsets into larger buffers. */
    private record Problem(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
                           double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                           double[] c, int cOff, int ldc) {

        static Problem random(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k,
                              boolean padded) {
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            int lda = Math.max(1, aCols) + (padded ? r.nextInt(4) : 0);
            int ldb = Math.max(1, bCols) + (padded ? r.nextInt(4) : 0);
            int ldc = Math.max(1, n) + (padded ? r.nextInt(4) : 0);
            int aOff = padded ? r.nextInt(6) : 0;
            int bOff = padded ? r.nextInt(6) : 0;
            int cOff = padded ? r.nextInt(6) : 0;
            double beta = r.nextInt(4) == 0 ? 0.0 : r.nextDouble(-2, 2);
            double[] c = gaussian(r, cOff + m * ldc + (padded ? 3 : 0));
            if (beta == 0.0) {
                // uninitialised output: must be overwritten, NaN and all
                Arrays.fill(c, Double.NaN);
            }
            return new Problem(transA, transB, m, n, k, r.nextDouble(-2, 2), beta,
                    gaussian(r, aOff + aRows * lda + (padded ? 2 : 0)), aOff, lda,
                    gaussian(r, bOff + bRows * ldb + (padded ? 2 : 0)), bOff, ldb,
                    c, cOff, ldc);
        }

        /** The whole C buffer after running on {@code blas} with operands of {@code kind}. */
        double[] run(Blas blas, BufferKind kind) {
            DoubleBuffer cb = kind.holding(c);
            blas.dgemm(transA, transB, m, n, k, alpha, kind.holding(a), aOff, lda, kind.holding(b), bOff, ldb,
                    beta, cb, cOff, ldc);
            return contents(cb);
        }
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("cases")
    void dgemmMatchesJava(BufferKind kind, boolean transA, boolean transB) {
        SplittableRandom r = new SplittableRandom(17 + kind.ordinal() * 4L + (transA ? 1 : 0) + (transB ? 2 : 0));
        for (int[] s : SHAPES) {
            for (boolean padded : new boolean[] {false, true}) {
                Problem p = Problem.random(r, transA, transB, s[0], s[1], s[2], padded);
                String what = kind + " " + Arrays.toString(s) + (padded ? " padded" : "");
                assertClose(p.run(JavaBlas.INSTANCE, BufferKind.HEAP), p.run(BLAS, kind), what);
            }
        }
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("directAndHeap")
    void largeDgemmMatchesJava(BufferKind kind, boolean transA, boolean transB) {
        // Large enough to be cut into panels for several threads: by rows, then by columns.
        Problem p = Problem.random(new SplittableRandom(5), transA, transB, 300, 200, 250, true);
        assertClose(p.run(JavaBlas.INSTANCE, BufferKind.HEAP), p.run(BLAS, kind), kind + " 300×200×250");
        Problem q = Problem.random(new SplittableRandom(6), transA, transB, 90, 410, 230, true);
        assertClose(q.run(JavaBlas.INSTANCE, BufferKind.HEAP), q.run(BLAS, kind), kind + " 90×410×230");
    }

    @Test
    void operandsMayShareOneBuffer() {
        SplittableRandom r = new SplittableRandom(3);
        double[] data = gaussian(r, 200);
        // A at 0 (5×6, lda 6), B at 40 (6×4, ldb 5), C at 80 (5×4, ldc 7): disjoint windows of one buffer.
        DoubleBuffer direct = BufferKind.DIRECT.holding(data);
        DoubleBuffer heap = DoubleBuffer.wrap(data.clone());
        JavaBlas.INSTANCE.dgemm(false, false, 5, 4, 6, 1.5, heap, 0, 6, heap, 40, 5, 0.5, heap, 80, 7);
        BLAS.dgemm(false, false, 5, 4, 6, 1.5, direct, 0, 6, direct, 40, 5, 0.5, direct, 80, 7);
        assertClose(contents(heap), contents(direct), "shared buffer");
    }

    // ---------------------------------------------------------------- batched

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("directAndHeap")
    void dgemmBatchMatchesJava(BufferKind kind, boolean transA, boolean transB) {
        SplittableRandom r = new SplittableRandom(99 + (transA ? 1 : 0) + (transB ? 2 : 0));
        int[][] shapes = {{3, 4, 5}, {1, 1, 1}, {6, 2, 0}, {0, 3, 3}, {8, 8, 8}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int batch = 5;
            int lda = Math.max(1, transA ? m : k) + 1;
            int ldb = Math.max(1, transB ? k : n) + 2;
            int ldc = Math.max(1, n) + 1;
            int aSize = (transA ? k : m) * lda;
            int bSize = (transB ? n : k) * ldb;
            int cSize = m * ldc;
            // strides: packed, stride 0 (one A or B for all), padded, and negative for C walking down
            long[][] strides = {
                {aSize, bSize, cSize}, {0, bSize, cSize}, {aSize, 0, cSize + 3}, {aSize + 2, bSize, -cSize},
                {aSize, bSize, 0},
            };
            for (long[] st : strides) {
                int aOff = 2;
                int bOff = 1;
                int cOff = st[2] < 0 ? 4 + (batch - 1) * cSize : 4;
                double[] a = gaussian(r, aOff + (int) (st[0] * (batch - 1)) + aSize + 3);
                double[] b = gaussian(r, bOff + (int) (st[1] * (batch - 1)) + bSize + 3);
                double[] c = gaussian(r, cOff + (int) Math.max(0, st[2] * (batch - 1)) + cSize + 3);
                double alpha = r.nextDouble(-2, 2);
                double beta = r.nextDouble(-1, 1);
                DoubleBuffer cj = DoubleBuffer.wrap(c.clone());
                DoubleBuffer cn = kind.holding(c);
                JavaBlas.INSTANCE.dgemmBatch(transA, transB, m, n, k, batch, alpha, DoubleBuffer.wrap(a), aOff, lda,
                        st[0], DoubleBuffer.wrap(b), bOff, ldb, st[1], beta, cj, cOff, ldc, st[2]);
                BLAS.dgemmBatch(transA, transB, m, n, k, batch, alpha, kind.holding(a), aOff, lda, st[0],
                        kind.holding(b), bOff, ldb, st[1], beta, cn, cOff, ldc, st[2]);
                assertClose(contents(cj), contents(cn), kind + " " + Arrays.toString(s) + " strides "
                        + Arrays.toString(st));
            }
        }
    }

    /** Batches big enough to be split across threads, and ones that must not be (C shared or interleaved). */
    @Test
    void largeBatchesMatchJava() {
        SplittableRandom r = new SplittableRandom(64);
        int[][] shapes = {{16, 16, 16, 64}, {40, 30, 50, 33}, {64, 64, 64, 9}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int batch = s[3];
            // packed C (parallel), C shared by all entries (sequential), C entries as column bands of one wide matrix
            long[][] cLayouts = {{(long) m * n, n}, {0, n}, {n, (long) n * batch}};
            for (long[] cl : cLayouts) {
                long strideC = cl[0];
                int ldc = (int) cl[1];
                double[] a = gaussian(r, m * k * batch);
                double[] b = gaussian(r, k * n);
                double[] c = gaussian(r, (int) (strideC * (batch - 1)) + (m - 1) * ldc + n);
                DoubleBuffer cj = DoubleBuffer.wrap(c.clone());
                DoubleBuffer cn = BufferKind.DIRECT.holding(c);
                JavaBlas.INSTANCE.dgemmBatch(false, true, m, n, k, batch, 0.5, DoubleBuffer.wrap(a), 0, k, (long) m * k,
                        DoubleBuffer.wrap(b), 0, k, 0, 0.25, cj, 0, ldc, strideC);
                BLAS.dgemmBatch(false, true, m, n, k, batch, 0.5, BufferKind.DIRECT.holding(a), 0, k, (long) m * k,
                        BufferKind.DIRECT.holding(b), 0, k, 0, 0.25, cn, 0, ldc, strideC);
                assertClose(contents(cj), contents(cn), Arrays.toString(s) + " C stride " + strideC + " ldc " + ldc);
            }
        }
    }

    @Test
    void emptyBatchDoesNothing() {
        DoubleBuffer c = BufferKind.DIRECT.holding(new double[] {1, 2});
        BLAS.dgemmBatch(false, false, 1, 1, 1, 0, 1, c, 0, 1, 1, c, 0, 1, 1, 0, c, 0, 1, 1);
        assertClose(new double[] {1, 2}, contents(c), "batch 0");
    }
}
