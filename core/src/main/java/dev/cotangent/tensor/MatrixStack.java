package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

/**
 * A tensor read as numpy's linalg functions read it: a stack of matrices, the last two
 * dimensions rows and columns and the leading ones batch dimensions. Checks the shape once,
 * names the function and argument when it is wrong, and locates matrix i in the shared
 * (never written) storage.
 */
final class MatrixStack {

    final String op;
    final int[] shape;
    final int[] batch;
    final int rows;
    final int cols;
    /** The number of matrices, the product of the batch dimensions. */
    final int count;
    /** The tensor's own storage: read only. */
    final double[] data;

    private MatrixStack(String op, Tensor t) {
        this.op = op;
        this.shape = t.shapeRef();
        this.batch = Arrays.copyOf(shape, shape.length - 2);
        this.rows = shape[shape.length - 2];
        this.cols = shape[shape.length - 1];
        this.count = Shapes.size(batch);
        this.data = t.data();
    }

    /**
     * The stack view of {@code t}.
     *
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions
     */
    static MatrixStack of(String op, String name, Tensor t) {
        if (t.ndim() < 2) {
            throw new IllegalArgumentException(op + ": " + name + " must have at least 2 dimensions, got shape "
                    + Shapes.str(t.shapeRef()));
        }
        return new MatrixStack(op, t);
    }

    /**
     * The stack view of {@code t}, whose matrices must be square.
     *
     * @throws IllegalArgumentException if {@code t} has fewer than 2 dimensions or its last two differ
     */
    static MatrixStack square(String op, String name, Tensor t) {
        Shapes.squareMatrices(op, name, t.shapeRef());
        return new MatrixStack(op, t);
    }

    /** Elements per matrix. */
    int size() {
        return rows * cols;
    }

    /** Where matrix i starts in {@link #data}. */
    int offset(int i) {
        return i * rows * cols;
    }

    /** "(3, 3)" for a lone matrix, "(3, 3) at index 4 of the stack of shape (5, 3, 3)" otherwise. */
    String describe(int i) {
        if (batch.length == 0) {
            return "of shape " + Shapes.str(shape);
        }
        return "at index " + i + " (flat) of the stack of shape " + Shapes.str(shape);
    }

    /** {@code batch} followed by {@code tail}. */
    static int[] shape(int[] batch, int... tail) {
        int[] out = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, out, batch.length, tail.length);
        return out;
    }

    /**
     * For each position of the broadcast batch shape {@code to}, the offset of the matching
     * block of {@code block} elements in a stack whose batch shape is {@code from}.
     */
    static int[] offsets(int[] from, int[] to, int block) {
        int[] strides = Shapes.broadcastStrides(from, to);
        int count = Shapes.size(to);
        int[] out = new int[count];
        int[] index = new int[to.length];
        for (int i = 0; i < count; i++) {
            int off = 0;
            for (int d = 0; d < to.length; d++) {
                off += index[d] * strides[d];
            }
            out[i] = off * block;
            for (int d = to.length - 1; d >= 0 && ++index[d] == to[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }
}
