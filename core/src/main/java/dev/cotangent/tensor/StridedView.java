package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

/**
 * A view of a row-major array as another shape through an offset and per-axis strides
 * (possibly zero or negative). Transposes, slices, flips, diagonals and broadcasts are all
 * such views; {@link #gather} materialises one and {@link #scatterAdd} is its transpose,
 * which is why one pair of loops serves every one of those operations and its adjoint.
 */
record StridedView(int offset, int[] shape, int[] strides) {

    /** Copies the viewed elements of {@code source} into a new row-major array. */
    double[] gather(double[] source) {
        double[] out = new double[Shapes.size(shape)];
        if (out.length == 0) {
            return out;
        }
        int rank = shape.length;
        if (rank == 0) {
            out[0] = source[offset];
            return out;
        }
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int[] counter = new int[rank];
        int src = offset;
        for (int o = 0; o < out.length; o += inner) {
            if (innerStride == 1) {
                System.arraycopy(source, src, out, o, inner);
            } else {
                for (int j = 0; j < inner; j++) {
                    out[o + j] = source[src + j * innerStride];
                }
            }
            src = advance(counter, src);
        }
        return out;
    }

    /** Adds the row-major {@code values} (this view's shape) into the viewed places of {@code target}. */
    void scatterAdd(double[] values, double[] target) {
        if (values.length == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            target[offset] += values[0];
            return;
        }
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int[] counter = new int[rank];
        int dst = offset;
        for (int o = 0; o < values.length; o += inner) {
            for (int j = 0; j < inner; j++) {
                target[dst + j * innerStride] += values[o + j];
            }
            dst = advance(counter, dst);
        }
    }

    /** Steps the multi-index over all but the last axis; returns the new source offset. */
    private int advance(int[] counter, int position) {
        for (int d = shape.length - 2; d >= 0; d--) {
            position += strides[d];
            if (++counter[d] < shape[d]) {
                return position;
            }
            position -= strides[d] * shape[d];
            counter[d] = 0;
        }
        return position;
    }

    /** The identity view of a contiguous tensor of {@code shape}. */
    static StridedView of(int[] shape) {
        return new StridedView(0, shape, Shapes.strides(shape));
    }
}
