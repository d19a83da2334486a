package dev.cotangent.blas.openblas;

import dev.cotangent.blas.JavaBlas;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.cotangent.blas.openblas.BufferKind.BLAS;
import static dev.cotangent.blas.openblas.BufferKind.assertClose;
import static dev.cotangent.blas.openblas.BufferKind.contents;
import static dev.cotangent.blas.openblas.BufferKind.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

/** dgemv, ddot, daxpy and dscal against {@link JavaBlas}, with every stride sign and zero. */
class OpenBlasVectorTest {

    private static final int[] STRIDES = {1, 2, 3, -1, -2, 0};
    private static final int[] LENGTHS = {0, 1, 2, 7, 33};

    /** An offset from which {@code n} elements by {@code inc} stay at or above index 1. */
    private static int start(int n, int inc) {
        return 1 + (inc < 0 ? (n - 1) * -inc : 0);
    }

    private static int size(int n, int inc) {
        return start(n, inc) + Math.max(0, n - 1) * Math.abs(inc) + 2;
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void dgemvMatchesJava(BufferKind kind) {
        SplittableRandom r = new SplittableRandom(11 + kind.ordinal());
        int[][] shapes = {{0, 3}, {3, 0}, {1, 1}, {4, 1}, {1, 4}, {5, 7}, {40, 33}};
        for (int[] s : shapes) {
            for (boolean trans : new boolean[] {false, true}) {
                for (int incX : STRIDES) {
                    for (int incY : STRIDES) {
                        int m = s[0];
                        int n = s[1];
                        int xLen = trans ? m : n;
                        int yLen = trans ? n : m;
                        int lda = Math.max(1, n) + r.nextInt(3);
                        int aOff = r.nextInt(4);
                        double[] a = gaussian(r, aOff + m * lda + 1);
                        double[] x = gaussian(r, size(xLen, incX));
                        double[] y = gaussian(r, size(yLen, incY));
                        double alpha = r.nextDouble(-2, 2);
                        double beta = r.nextInt(3) == 0 ? 0.0 : r.nextDouble(-2, 2);
                        if (beta == 0.0 && incY != 0) {
                            Arrays.fill(y, Double.NaN);
                        }
                        DoubleBuffer yj = DoubleBuffer.wrap(y.clone());
                        DoubleBuffer yn = kind.holding(y);
                        JavaBlas.INSTANCE.dgemv(trans, m, n, alpha, DoubleBuffer.wrap(a), aOff, lda,
                                DoubleBuffer.wrap(x), start(xLen, incX), incX, beta, yj, start(yLen, incY), incY);
                        BLAS.dgemv(trans, m, n, alpha, kind.holding(a), aOff, lda,
                                kind.holding(x), start(xLen, incX), incX, beta, yn, start(yLen, incY), incY);
                        assertClose(contents(yj), contents(yn), "dgemv " + kind + " " + Arrays.toString(s)
                                + " trans=" + trans + " incX=" + incX + " incY=" + incY);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void ddotMatchesJava(BufferKind kind) {
        SplittableRandom r = new SplittableRandom(23 + kind.ordinal());
        for (int n : LENGTHS) {
            for (int incX : STRIDES) {
                for (int incY : STRIDES) {
                    double[] x = gaussian(r, size(n, incX));
                    double[] y = gaussian(r, size(n, incY));
                    double expected = JavaBlas.INSTANCE.ddot(n, DoubleBuffer.wrap(x), start(n, incX), incX,
                            DoubleBuffer.wrap(y), start(n, incY), incY);
                    double actual = BLAS.ddot(n, kind.holding(x), start(n, incX), incX,
                            kind.holding(y), start(n, incY), incY);
                    assertThat(actual).as("ddot %s n=%d incX=%d incY=%d", kind, n, incX, incY)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, 3.0 * n)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void daxpyMatchesJava(BufferKind kind) {
        SplittableRandom r = new SplittableRandom(31 + kind.ordinal());
        for (int n : LENGTHS) {
            for (int incX : STRIDES) {
                for (int incY : STRIDES) {
                    double[] x = gaussian(r, size(n, incX));
                    double[] y = gaussian(r, size(n, incY));
                    double alpha = r.nextDouble(-2, 2);
                    DoubleBuffer yj = DoubleBuffer.wrap(y.clone());
                    DoubleBuffer yn = kind.holding(y);
                    JavaBlas.INSTANCE.daxpy(n, alpha, DoubleBuffer.wrap(x), start(n, incX), incX,
                            yj, start(n, incY), incY);
                    BLAS.daxpy(n, alpha, kind.holding(x), start(n, incX), incX, yn, start(n, incY), incY);
                    assertClose(contents(yj), contents(yn), "daxpy " + kind + " n=" + n + " incX=" + incX
                            + " incY=" + incY);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void dscalMatchesJava(BufferKind kind) {
        SplittableRandom r = new SplittableRandom(41 + kind.ordinal());
        for (int n : LENGTHS) {
            for (int inc : STRIDES) {
                double[] x = gaussian(r, size(n, inc));
                double alpha = r.nextDouble(-2, 2);
                DoubleBuffer xj = DoubleBuffer.wrap(x.clone());
                DoubleBuffer xn = kind.holding(x);
                JavaBlas.INSTANCE.dscal(n, alpha, xj, start(n, inc), inc);
                BLAS.dscal(n, alpha, xn, start(n, inc), inc);
                assertClose(contents(xj), contents(xn), "dscal " + kind + " n=" + n + " inc=" + inc);
            }
        }
    }
}
