package dev.cotangent.tensor;

import dev.cotangent.tensor.internal.Shapes;

/**
 * The transposes of Np's gathering operations: each method here writes (adds) a tensor into
 * zeros at the places the matching gather reads from. Reverse mode uses them as the
 * adjoints of slicing, {@code take}, {@code diagonal} and {@code broadcast_to}; they are
 * linear, and each one's own transpose is the gather it mirrors, so derivatives of
 * derivatives stay inside this pair.
 *
 * @since 0.1
 */
public final class Scatter {

    private Scatter() {}

    /**
     * Zeros of {@code shape} with {@code values} added at {@code [start:stop:step]} along
     * {@code axis}: the transpose of {@link Np#slice}.
     *
     * @throws IllegalArgumentException if {@code values} does not have the slice's shape
     */
    public static Tensor slice(Tensor values, int[] shape, int axis, int start, int stop, int step) {
        int[] target = Shapes.checked(shape);
        StridedView view = Shaping.sliced(target, Shapes.axis("Scatter.slice", axis, target), start, stop, step);
        return into(values, target, view, "Scatter.slice");
    }

    /**
     * Zeros of {@code shape} with {@code values} added where {@code Np.index(x, index)} reads
     * from an {@code x} of that shape: the transpose of {@link Np#index}.
     *
     * @throws IllegalArgumentException for a malformed index, or if {@code values} does not have the indexed shape
     */
    public static Tensor index(Tensor values, int[] shape, String index) {
        return BasicIndex.parse(index).scatter(values, Shapes.checked(shape));
    }

    /**
     * Zeros of {@code shape} with the slices of {@code values} added at {@code indices} along
     * {@code axis} (repeated indices accumulate, like numpy's {@code add.at}): the transpose
     * of {@link Np#take(Tensor, int[], int)}.
     */
    public static Tensor take(Tensor values, int[] shape, int[] indices, int axis) {
        int[] target = Shapes.checked(shape);
        int ax = Shapes.axis("Scatter.take", axis, target);
        int[] expected = target.clone();
        expected[ax] = indices.length;
        requireShape("Scatter.take", values, expected);
        int n = target[ax];
        int[] resolved = Shaping.resolveIndices("Scatter.take", indices, n, ax, target);
        int outer = Shaping.product(target, 0, ax);
        int inner = Shaping.product(target, ax + 1, target.length);
        double[] v = values.data();
        double[] out = new double[Shapes.size(target)];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < resolved.length; i++) {
                int src = (p * indices.length + i) * inner;
                int dst = (p * n + resolved[i]) * inner;
                for (int q = 0; q < inner; q++) {
                    out[dst + q] += v[src + q];
                }
            }
        }
        return Tensor.wrap(out, target);
    }

    /**
     * Zeros of {@code shape} with {@code values} added along the diagonal {@code offset} of
     * axes {@code axis1, axis2}: the transpose of {@link Np#diagonal(Tensor, int, int, int)}.
     */
    public static Tensor diagonal(Tensor values, int[] shape, int offset, int axis1, int axis2) {
        int[] target = Shapes.checked(shape);
        StridedView view = Shaping.diagonalView("Scatter.diagonal", target, offset, axis1, axis2);
        return into(values, target, view, "Scatter.diagonal");
    }

    /**
     * {@code values} summed down to {@code shape}, which must broadcast to its shape: the
     * transpose of {@link Np#broadcast_to}.
     */
    public static Tensor unbroadcast(Tensor values, int... shape) {
        int[] target = Shapes.checked(shape);
        int[] from = values.shapeRef();
        if (Shapes.same(from, target)) {
            return values;
        }
        if (!Shapes.broadcastsTo(target, from)) {
            throw new IllegalArgumentException("Scatter.unbroadcast: shape " + Shapes.str(target)
                    + " does not broadcast to " + Shapes.str(from));
        }
        int lead = from.length - target.length;
        int[] axes = new int[from.length];
        int count = 0;
        for (int i = 0; i < from.length; i++) {
            if (i < lead || (target[i - lead] == 1 && from[i] != 1)) {
                axes[count++] = i;
            }
        }
        Tensor summed = Reductions.reduce("Scatter.unbroadcast", values, java.util.Arrays.copyOf(axes, count), true,
                Reductions.Kind.SUM);
        return summed.withShape(target);
    }

    private static Tensor into(Tensor values, int[] target, StridedView view, String op) {
        requireShape(op, values, view.shape());
        double[] out = new double[Shapes.size(target)];
        view.scatterAdd(values.data(), out);
        return Tensor.wrap(out, target);
    }

    static void requireShape(String op, Tensor values, int[] expected) {
        if (!Shapes.same(values.shapeRef(), expected)) {
            throw new IllegalArgumentException(op + ": values of shape " + Shapes.str(values.shapeRef())
                    + " do not fit the scattered region of shape " + Shapes.str(expected));
        }
    }
}
