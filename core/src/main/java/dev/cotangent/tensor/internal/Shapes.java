package dev.cotangent.tensor.internal;

import java.util.Arrays;

/**
 * Internal: shape arithmetic shared by the kernels — sizes, strides, broadcasting, axis
 * normalisation — and the one way shapes are printed in error messages, {@code (2, 3)}.
 */
public final class Shapes {

    private Shapes() {}

    /** The number of elements of a shape; 1 for rank 0. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** A copy of {@code shape} after checking that no dimension is negative. */
    public static int[] checked(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            }
        }
        int[] copy = shape.clone();
        size(copy);
        return copy;
    }

    /** Row-major strides in elements. */
    public static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** numpy's notation: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    public static String str(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int d = 0; d < shape.length; d++) {
            if (d > 0) {
                sb.append(", ");
            }
            sb.append(shape[d]);
        }
        return sb.append(')').toString();
    }

    /**
     * The broadcast of two shapes under numpy's rules (align right; a dimension of 1 stretches).
     *
     * @throws IllegalArgumentException naming both shapes if they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": operands could not be broadcast together with shapes "
                        + str(a) + " " + str(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[lead + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strides for reading a tensor of shape {@code from} as if it had the broadcast shape
     * {@code to}: stretched dimensions get stride 0.
     */
    public static int[] broadcastStrides(int[] from, int[] to) {
        int[] own = strides(from);
        int[] out = new int[to.length];
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            out[lead + i] = from[i] == 1 && to[lead + i] != 1 ? 0 : own[i];
        }
        return out;
    }

    /**
     * An axis in {@code [-rank, rank)} made non-negative.
     *
     * @throws IllegalArgumentException naming the op, axis and shape when out of range
     */
    public static int axis(String op, int axis, int[] shape) {
        return axis(op, axis, shape.length, shape);
    }

    /** Like {@link #axis(String, int, int[])} against a rank other than the shape's own. */
    public static int axis(String op, int axis, int rank, int[] shape) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for a tensor of shape "
                    + str(shape) + " (rank " + rank + ")");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * Axes made non-negative; {@code null} means all axes. Repeats are refused.
     */
    public static int[] axes(String op, int[] axes, int[] shape) {
        if (axes == null) {
            int[] all = new int[shape.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[shape.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], shape);
            if (seen[out[i]]) {
                throw new IllegalArgumentException(op + ": repeated axis " + axes[i] + " in " + Arrays.toString(axes)
                        + " for a tensor of shape " + str(shape));
            }
            seen[out[i]] = true;
        }
        return out;
    }

    /** Whether every element of {@code shape} equals the one of {@code other}. */
    public static boolean same(int[] shape, int[] other) {
        return Arrays.equals(shape, other);
    }

    /** {@code shape} with the given (non-negative, distinct) axes removed or set to 1. */
    public static int[] reduced(int[] shape, int[] axes, boolean keepdims) {
        boolean[] drop = new boolean[shape.length];
        for (int a : axes) {
            drop[a] = true;
        }
        int kept = 0;
        for (boolean d : drop) {
            if (!d) {
                kept++;
            }
        }
        int[] out = new int[keepdims ? shape.length : kept];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (keepdims) {
                out[i] = drop[i] ? 1 : shape[i];
            } else if (!drop[i]) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** {@code shape} with 1s prepended to make it {@code rank} long. */
    public static int[] leftPadded(int[] shape, int rank) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /**
     * {@code shape}, checked to be a stack of square matrices (at least 2 dimensions, the
     * last two equal) for the operand {@code name} of {@code op}.
     *
     * @throws IllegalArgumentException naming the operation, the operand and its shape
     */
    public static int[] squareMatrices(String op, String name, int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": " + name + " must have at least 2 dimensions, got shape "
                    + str(shape));
        }
        if (shape[shape.length - 1] != shape[shape.length - 2]) {
            throw new IllegalArgumentException(op + ": the last 2 dimensions of " + name
                    + " must be square, got shape " + str(shape));
        }
        return shape;
    }
}
