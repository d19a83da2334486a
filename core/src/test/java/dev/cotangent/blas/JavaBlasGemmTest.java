package dev.cotangent.blas;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The packed, register-blocked GEMM against its definition, edges of every block included. */
class JavaBlasGemmTest {

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}×{1}×{2} transA={3} transB={4} alpha={5} beta={6} pad={7}")
    @CsvSource({
            "1, 1, 1, false, false, 1, 0, 0", "3, 5, 7, false, false, 1, 0, 0", "3, 5, 7, true, true, 2, 0.5, 1",
            "4, 4, 4, true, false, -1, 1, 2", "5, 3, 9, false, true, 0.5, -2, 3",
            "67, 513, 257, false, false, 1, 0, 0", "67, 513, 257, true, false, 1.5, 1, 1",
            "67, 513, 257, false, true, 1, 0.25, 0", "130, 9, 300, true, true, -0.5, 0, 5",
            "300, 70, 260, true, true, 1, 0.5, 2", "290, 70, 260, false, false, -1, 0, 1",
            "2, 3, 0, false, false, 1, 0.5, 0", "6, 6, 6, false, false, 0, 3, 0"})
    void matchesTheDefinition(int m, int n, int k, boolean transA, boolean transB, double alpha, double beta,
                              int pad) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + pad;
        int ldb = bCols + pad;
        int ldc = n + pad;
        int aOff = 3;
        int bOff = 5;
        int cOff = 7;
        double[] a = random(1, aOff + aRows * lda);
        double[] b = random(2, bOff + bRows * ldb);
        double[] c = random(3, cOff + m * ldc);
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int at = cOff + i * ldc + j;
                expected[at] = alpha * s + beta * c[at];
            }
        }
        double[] heap = c.clone();
        JavaBlas.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, heap, cOff, ldc);
        assertClose(heap, expected);

        DoubleBuffer cBuffer = DoubleBuffer.allocate(c.length).put(0, c);
        JavaBlas.INSTANCE.dgemm(transA, transB, m, n, k, alpha, DoubleBuffer.wrap(a), aOff, lda,
                DoubleBuffer.wrap(b), bOff, ldb, beta, cBuffer, cOff, ldc);
        double[] viaBuffer = new double[c.length];
        cBuffer.get(0, viaBuffer);
        assertClose(viaBuffer, expected);
    }

    private static void assertClose(double[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            // Elements outside C (padding, offset) must be left exactly as they were.
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-11 * (1 + Math.abs(expected[i]))));
        }
    }
}
