package dev.cotangent.tensor;

import dev.cotangent.blas.JavaBlas;

import java.util.Arrays;

/**
 * Integer powers of square matrices by repeated squaring, about 2·log₂|n| products, as
 * numpy's {@code matrix_power}; a negative power is a power of the inverse.
 */
final class MatrixPower {

    private MatrixPower() {}

    /** {@code a^n} for every matrix of the square stack {@code s}. */
    static Tensor ofStack(MatrixStack s, int n) {
        int m = s.rows;
        double[] out = new double[s.data.length];
        for (int i = 0; i < s.count; i++) {
            double[] base = n < 0 ? LuDecomposition.nonsingular(s, i).inverse()
                    : Arrays.copyOfRange(s.data, s.offset(i), s.offset(i + 1));
            double[] result = null;
            // long: |Integer.MIN_VALUE| does not fit an int.
            for (long e = Math.abs((long) n); e > 0; e >>= 1) {
                if ((e & 1) != 0) {
                    result = result == null ? base : multiply(result, base, m);
                }
                if (e > 1) {
                    base = multiply(base, base, m);
                }
            }
            if (result == null) {
                result = new double[m * m];
                for (int j = 0; j < m; j++) {
                    result[j * m + j] = 1;
                }
            }
            System.arraycopy(result, 0, out, s.offset(i), s.size());
        }
        return Tensor.wrap(out, s.shape.clone());
    }

    private static double[] multiply(double[] x, double[] y, int m) {
        double[] z = new double[m * m];
        JavaBlas.gemm(false, false, m, m, m, 1, x, 0, m, y, 0, m, 0, z, 0, m);
        return z;
    }
}
