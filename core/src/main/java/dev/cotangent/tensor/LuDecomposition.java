package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

/**
 * LU factorisation with partial pivoting of one n×n row-major matrix, {@code P·A = L·U}, as
 * LAPACK's {@code dgetrf} computes it: L unit lower triangular, U upper triangular, and the
 * pivot in each column the entry of largest magnitude on or below the diagonal.
 *
 * <p>As in LAPACK, a matrix is singular here only when a pivot is exactly zero; a nearly
 * singular matrix factors and gives large, inaccurate solutions, as it does in numpy.
 */
final class LuDecomposition {

    private final int n;
    /** L below the diagonal (unit diagonal implied), U on and above it. */
    private final double[] lu;
    /** Row i of P·A is row {@code perm[i]} of A. */
    private final int[] perm;
    /** The sign of the permutation, ±1. */
    private final int permutationSign;
    /** The first column whose pivot is exactly zero, or −1. */
    private final int zeroPivot;

    /** Factors the n×n matrix at {@code data[offset …]}, which it copies. */
    LuDecomposition(double[] data, int offset, int n) {
        this.n = n;
        this.lu = new double[n * n];
        System.arraycopy(data, offset, lu, 0, n * n);
        this.perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int sign = 1;
        int zero = -1;
        for (int j = 0; j < n; j++) {
            int p = pivotRow(j);
            if (p != j) {
                swapRows(p, j);
                sign = -sign;
            }
            double pivot = lu[j * n + j];
            if (pivot == 0) {
                // Keep going, as dgetrf does: the determinant is then exactly zero.
                zero = zero < 0 ? j : zero;
                continue;
            }
            for (int i = j + 1; i < n; i++) {
                int row = i * n;
                double l = lu[row + j] / pivot;
                lu[row + j] = l;
                if (l != 0) {
                    int top = j * n;
                    for (int c = j + 1; c < n; c++) {
                        lu[row + c] -= l * lu[top + c];
                    }
                }
            }
        }
        this.permutationSign = sign;
        this.zeroPivot = zero;
    }

    /**
     * The factorisation of matrix i of the stack.
     *
     * @throws ArithmeticException naming the stack's function if the matrix is singular
     */
    static LuDecomposition nonsingular(MatrixStack s, int i) {
        LuDecomposition lu = new LuDecomposition(s.data, s.offset(i), s.rows);
        if (lu.zeroPivot >= 0) {
            throw new ArithmeticException(s.op + ": singular matrix " + s.describe(i) + " (the LU pivot of column "
                    + lu.zeroPivot + " is exactly zero)");
        }
        return lu;
    }

    /** {@code numpy.linalg.solve} on checked square {@code a}; see {@link Linalg#solve}. */
    static Tensor solveStack(MatrixStack a, Tensor b) {
        int m = a.rows;
        int[] bs = b.shapeRef();
        boolean vector = bs.length == 1;
        if (bs.length == 0 || (vector ? bs[0] : bs[bs.length - 2]) != m) {
            throw new IllegalArgumentException(a.op + ": a has shape " + Shapes.str(a.shape) + " but b has shape "
                    + Shapes.str(bs) + "; b must be (M,) or (..., M, K) with M = " + m);
        }
        int k = vector ? 1 : bs[bs.length - 1];
        int[] bBatch = vector ? new int[0] : Arrays.copyOf(bs, bs.length - 2);
        int[] batch;
        try {
            batch = Shapes.broadcast(a.op, a.batch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(a.op + ": a has shape " + Shapes.str(a.shape) + " but b has shape "
                    + Shapes.str(bs) + "; their batch dimensions " + Shapes.str(a.batch) + " and "
                    + Shapes.str(bBatch) + " do not broadcast", e);
        }
        int[] aIndex = MatrixStack.offsets(a.batch, batch, 1);
        int[] bOff = MatrixStack.offsets(bBatch, batch, m * k);
        double[] bData = b.data();
        double[] out = new double[aIndex.length * m * k];
        LuDecomposition lu = null;
        for (int i = 0; i < aIndex.length; i++) {
            // A matrix of a broadcast along b's batch is factored once, not once per right-hand side.
            if (i == 0 || aIndex[i] != aIndex[i - 1]) {
                lu = nonsingular(a, aIndex[i]);
            }
            System.arraycopy(lu.solve(bData, bOff[i], k), 0, out, i * m * k, m * k);
        }
        return Tensor.wrap(out, vector ? MatrixStack.shape(a.batch, m) : MatrixStack.shape(batch, m, k));
    }

    /** The row at or below j with the largest |a[i][j]|; a NaN wins so that it propagates. */
    private int pivotRow(int j) {
        int best = j;
        double max = Math.abs(lu[j * n + j]);
        for (int i = j + 1; i < n && max == max; i++) {
            double v = Math.abs(lu[i * n + j]);
            if (v > max || v != v) {
                max = v;
                best = i;
            }
        }
        return best;
    }

    private void swapRows(int p, int j) {
        for (int c = 0; c < n; c++) {
            double t = lu[p * n + c];
            lu[p * n + c] = lu[j * n + c];
            lu[j * n + c] = t;
        }
        int t = perm[p];
        perm[p] = perm[j];
        perm[j] = t;
    }

    /** The determinant, ±∏ U[i][i]; exactly 0 when a pivot is zero. */
    double determinant() {
        double det = permutationSign;
        for (int i = 0; i < n; i++) {
            det *= lu[i * n + i];
        }
        return det;
    }

    /** The sign of the determinant: +1, −1, or 0 when singular (NaN if the input had NaN). */
    double determinantSign() {
        if (zeroPivot >= 0) {
            return 0;
        }
        double sign = permutationSign;
        for (int i = 0; i < n; i++) {
            double d = lu[i * n + i];
            sign = d < 0 ? -sign : d > 0 ? sign : Double.NaN;
        }
        return sign;
    }

    /** {@code log|det|} as a sum of logs, which neither overflows nor underflows; −∞ when singular. */
    double logAbsDeterminant() {
        if (zeroPivot >= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(Math.abs(lu[i * n + i]));
        }
        return sum;
    }

    /** Solves {@code A·X = B} for the n×k row-major B, returning X in a new array. */
    double[] solve(double[] b, int bOffset, int k) {
        double[] x = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, bOffset + perm[i] * k, x, i * k, k);
        }
        substitute(x, k);
        return x;
    }

    /** A⁻¹, by solving against the identity as numpy's {@code inv} does (LAPACK {@code dgesv}). */
    double[] inverse() {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + perm[i]] = 1;
        }
        substitute(x, n);
        return x;
    }

    /** Overwrites the permuted right-hand sides {@code x} (n×k) with {@code U⁻¹·L⁻¹·x}. */
    private void substitute(double[] x, int k) {
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double l = lu[i * n + j];
                if (l != 0) {
                    axpy(-l, x, j * k, i * k, k);
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) {
                double u = lu[i * n + j];
                if (u != 0) {
                    axpy(-u, x, j * k, i * k, k);
                }
            }
            double d = lu[i * n + i];
            for (int c = 0; c < k; c++) {
                x[i * k + c] /= d;
            }
        }
    }

    private static void axpy(double alpha, double[] x, int from, int to, int k) {
        for (int c = 0; c < k; c++) {
            x[to + c] += alpha * x[from + c];
        }
    }
}
