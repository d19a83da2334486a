package dev.cotangent.einsum;

import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

/**
 * The einsum spec of each of numpy's named contractions for given operand shapes, after
 * checking the shapes with numpy's messages. {@code Np} evaluates the specs and the
 * registry derives the contractions' derivatives from the same specs.
 *
 * @since 0.1
 */
public final class ContractionSpecs {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyABCDEFGHIJKLMNOPQRSTUVWXY";

    private ContractionSpecs() {}

    /**
     * numpy's {@code dot}: a product for rank 0, the inner product of vectors, the matrix
     * product, and for N-d the sum over the last axis of {@code a} and the second-to-last
     * of {@code b} (the last, if {@code b} is a vector).
     */
    public static String dot(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return labels(0, a.length) + "," + labels(0, b.length) + "->" + (a.length == 0 ? labels(0, b.length)
                    : labels(0, a.length));
        }
        int ka = a.length - 1;
        int kb = b.length == 1 ? 0 : b.length - 2;
        aligned("dot", a, ka, b, kb);
        String la = labels(0, a.length - 1);
        String lb = labels(a.length - 1, b.length - 1);
        String sumLabel = "z";
        String bSpec = b.length == 1 ? sumLabel : lb.substring(0, b.length - 2) + sumLabel + lb.substring(b.length - 2);
        return la + sumLabel + "," + bSpec + "->" + la + lb;
    }

    /**
     * numpy's {@code matmul}: matrix products over the last two axes with the leading axes
     * broadcast; a vector operand is a row (first) or column (second) that the result drops.
     * Rank-0 operands are refused, as numpy does.
     */
    public static String matmul(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("matmul: input operand does not have enough dimensions (shapes "
                    + Shapes.str(a) + " and " + Shapes.str(b) + "); use multiply for scalars");
        }
        int ka = a.length - 1;
        int kb = b.length == 1 ? 0 : b.length - 2;
        aligned("matmul", a, ka, b, kb);
        if (a.length > 1 && b.length > 1) {
            Shapes.broadcast("matmul", Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        }
        // Constants, not concatenations: the rules look their plans up by these strings on every call.
        if (a.length == 1) {
            return b.length == 1 ? "z,z->" : "z,...zk->...k";
        }
        return b.length == 1 ? "...iz,z->...i" : "...iz,...zk->...ik";
    }

    /** numpy's {@code inner}: the sum over the last axes of both; rank 0 multiplies. */
    public static String inner(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return dot(a, b);
        }
        aligned("inner", a, a.length - 1, b, b.length - 1);
        String la = labels(0, a.length - 1);
        String lb = labels(a.length - 1, b.length - 1);
        return la + "z," + lb + "z->" + la + lb;
    }

    /**
     * numpy's {@code tensordot} with explicit axes: the listed axes of {@code a} summed
     * against those of {@code b}, pairwise; the result has a's free axes, then b's.
     */
    public static String tensordot(int[] a, int[] b, int[] axesA, int[] axesB) {
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException("tensordot: axes " + Arrays.toString(axesA) + " and "
                    + Arrays.toString(axesB) + " must have the same length");
        }
        int[] na = Shapes.axes("tensordot", axesA, a);
        int[] nb = Shapes.axes("tensordot", axesB, b);
        char[] la = labels(0, a.length).toCharArray();
        char[] lb = labels(a.length, b.length).toCharArray();
        for (int i = 0; i < na.length; i++) {
            if (a[na[i]] != b[nb[i]]) {
                throw new IllegalArgumentException("tensordot: shape-mismatch for sum: axis " + axesA[i] + " of "
                        + Shapes.str(a) + " has " + a[na[i]] + " but axis " + axesB[i] + " of " + Shapes.str(b)
                        + " has " + b[nb[i]]);
            }
            lb[nb[i]] = la[na[i]];
        }
        StringBuilder out = new StringBuilder();
        boolean[] summedA = mark(na, a.length);
        boolean[] summedB = mark(nb, b.length);
        for (int i = 0; i < la.length; i++) {
            if (!summedA[i]) {
                out.append(la[i]);
            }
        }
        for (int i = 0; i < lb.length; i++) {
            if (!summedB[i]) {
                out.append(lb[i]);
            }
        }
        return new String(la) + "," + new String(lb) + "->" + out;
    }

    /** numpy's {@code tensordot(a, b, axes)}: the last {@code axes} of a against the first of b. */
    public static int[][] tensordotAxes(int[] a, int[] b, int axes) {
        if (axes < 0 || axes > a.length || axes > b.length) {
            throw new IllegalArgumentException("tensordot: cannot sum over " + axes + " axes of shapes "
                    + Shapes.str(a) + " and " + Shapes.str(b));
        }
        int[] axesA = new int[axes];
        int[] axesB = new int[axes];
        for (int i = 0; i < axes; i++) {
            axesA[i] = a.length - axes + i;
            axesB[i] = i;
        }
        return new int[][] {axesA, axesB};
    }

    private static boolean[] mark(int[] axes, int rank) {
        boolean[] marked = new boolean[rank];
        for (int x : axes) {
            marked[x] = true;
        }
        return marked;
    }

    private static void aligned(String op, int[] a, int ka, int[] b, int kb) {
        if (a[ka] != b[kb]) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a) + " and " + Shapes.str(b)
                    + " not aligned: " + a[ka] + " (dim " + ka + ") != " + b[kb] + " (dim " + kb + ")");
        }
    }

    /** {@code count} distinct labels starting at {@code from}, never {@code z}. */
    private static String labels(int from, int count) {
        if (from + count > LETTERS.length()) {
            throw new IllegalArgumentException("too many dimensions for einsum labels: " + (from + count));
        }
        return LETTERS.substring(from, from + count);
    }
}
