package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Scatter;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;

import static dev.cotangent.tensor.Np.*;

/**
 * Structural primitives: each is linear in its tensor argument, so its JVP is the operation
 * itself applied to the tangent, and each declares its transpose beside it — reshape back,
 * permute back, scatter where a gather read, split what was joined. The scatters are
 * primitives too, with the gathers as their transposes, so the pairs close.
 */
final class ShapePrims {

    private ShapePrims() {}

    static void register(Registry.Table t) {
        t.op(Np.class, "reshape", Tensor.class, int[].class)
                .linear(0, (c, v) -> reshape(tensor(v), c.shape(0))).done();
        t.op(Np.class, "transpose", Tensor.class, int[].class)
                .linear(0, (c, v) -> transpose(tensor(v), inverse(axes(c.ints(1), c.shape(0))))).done();
        t.op(Np.class, "swapaxes", Tensor.class, int.class, int.class)
                .linear(0, (c, v) -> swapaxes(tensor(v), c.integer(1), c.integer(2))).done();
        t.op(Np.class, "moveaxis", Tensor.class, int[].class, int[].class)
                .linear(0, (c, v) -> moveaxis(tensor(v), c.ints(2), c.ints(1))).done();
        t.op(Np.class, "expand_dims", Tensor.class, int[].class)
                .linear(0, (c, v) -> reshape(tensor(v), c.shape(0))).done();
        t.op(Np.class, "squeeze", Tensor.class)
                .linear(0, (c, v) -> reshape(tensor(v), c.shape(0))).done();
        t.op("squeeze_axes", Np.class, "squeeze", Tensor.class, int[].class)
                .linear(0, (c, v) -> reshape(tensor(v), c.shape(0))).done();
        t.op(Np.class, "broadcast_to", Tensor.class, int[].class)
                .linear(0, (c, v) -> Scatter.unbroadcast(tensor(v), c.shape(0))).done();
        t.op(Np.class, "concatenate", Tensor[].class, int.class)
                .linear(0, (c, v) -> split(tensor(v), boundaries(c.tensors(0), c.integer(1)), c.integer(1))).done();
        t.op(Np.class, "stack", Tensor[].class, int.class)
                .linear(0, (c, v) -> unstack(tensor(v), c.tensors(0).length, c.integer(1), c.tensors(0)[0].shape())).done();
        t.op(Np.class, "split", Tensor.class, int[].class, int.class)
                .linear(0, (c, v) -> concatenate((Tensor[]) v, c.integer(2))).done();
        t.op(Np.class, "flip", Tensor.class, int[].class)
                .linear(0, (c, v) -> flip(tensor(v), c.ints(1))).done();
        t.op(Np.class, "roll", Tensor.class, int.class, int.class)
                .linear(0, (c, v) -> roll(tensor(v), -c.integer(1), c.integer(2))).done();
        t.op(Np.class, "tile", Tensor.class, int[].class)
                .linear(0, (c, v) -> untile(tensor(v), c.shape(0), c.ints(1))).done();
        t.op(Np.class, "repeat", Tensor.class, int.class, int.class)
                .linear(0, (c, v) -> unrepeat(tensor(v), c.shape(0), c.integer(1), c.integer(2))).done();
        t.op(Np.class, "pad", Tensor.class, int[][].class)
                .linear(0, (c, v) -> unpad(tensor(v), c.shape(0), (int[][]) c.args()[1])).done();
        t.op(Np.class, "slice", Tensor.class, int.class, int.class, int.class, int.class)
                .linear(0, (c, v) -> Scatter.slice(tensor(v), c.shape(0), c.integer(1), c.integer(2), c.integer(3),
                        c.integer(4))).done();
        t.op(Np.class, "index", Tensor.class, String.class)
                .linear(0, (c, v) -> Scatter.index(tensor(v), c.shape(0), c.string(1))).done();
        t.op(Np.class, "take", Tensor.class, int[].class, int.class)
                .linear(0, (c, v) -> Scatter.take(tensor(v), c.shape(0), c.ints(1), c.integer(2))).done();
        t.op(Np.class, "diagonal", Tensor.class, int.class, int.class, int.class)
                .linear(0, (c, v) -> Scatter.diagonal(tensor(v), c.shape(0), c.integer(1), c.integer(2),
                        c.integer(3))).done();
        t.op(Np.class, "triu", Tensor.class, int.class).linear(0, (c, v) -> triu(tensor(v), c.integer(1))).done();
        t.op(Np.class, "tril", Tensor.class, int.class).linear(0, (c, v) -> tril(tensor(v), c.integer(1))).done();

        // The scatters, whose transposes are the gathers above.
        t.op("scatter_slice", Scatter.class, "slice", Tensor.class, int[].class, int.class, int.class, int.class,
                int.class).linear(0, (c, v) -> slice(tensor(v), c.integer(2), c.integer(3), c.integer(4),
                c.integer(5))).done();
        t.op("scatter_index", Scatter.class, "index", Tensor.class, int[].class, String.class)
                .linear(0, (c, v) -> Np.index(tensor(v), c.string(2))).done();
        t.op("scatter_take", Scatter.class, "take", Tensor.class, int[].class, int[].class, int.class)
                .linear(0, (c, v) -> take(tensor(v), c.ints(2), c.integer(3))).done();
        t.op("scatter_diagonal", Scatter.class, "diagonal", Tensor.class, int[].class, int.class, int.class, int.class)
                .linear(0, (c, v) -> diagonal(tensor(v), c.integer(2), c.integer(3), c.integer(4))).done();
        t.op("unbroadcast", Scatter.class, "unbroadcast", Tensor.class, int[].class)
                .linear(0, (c, v) -> broadcast_to(tensor(v), c.shape(0))).done();
    }

    private static Tensor tensor(Object v) {
        return (Tensor) v;
    }

    private static int[] axes(int[] axes, int[] shape) {
        return Shapes.axes("transpose", axes, shape);
    }

    private static int[] inverse(int[] permutation) {
        int[] inv = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inv[permutation[i]] = i;
        }
        return inv;
    }

    /** Where concatenate's pieces start along the axis, after the first. */
    private static int[] boundaries(Tensor[] pieces, int axis) {
        int[] cuts = new int[pieces.length - 1];
        int position = 0;
        for (int i = 0; i < cuts.length; i++) {
            int[] s = pieces[i].shape();
            position += s[Shapes.axis("concatenate", axis, s)];
            cuts[i] = position;
        }
        return cuts;
    }

    private static Tensor[] unstack(Tensor v, int count, int axis, int[] pieceShape) {
        int ax = Shapes.axis("stack", axis, pieceShape.length + 1, pieceShape);
        Tensor[] parts = split(v, count, ax);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = reshape(parts[i], pieceShape);
        }
        return parts;
    }

    /** Tiling's transpose: the tiles summed, by viewing the result as (r0, s0, r1, s1, …). */
    private static Tensor untile(Tensor v, int[] shape, int[] reps) {
        int rank = Math.max(shape.length, reps.length);
        int[] interleaved = new int[2 * rank];
        int[] repAxes = new int[rank];
        int[] padded = new int[rank];
        for (int i = 0; i < rank; i++) {
            padded[i] = i < rank - shape.length ? 1 : shape[i - (rank - shape.length)];
            interleaved[2 * i] = i < rank - reps.length ? 1 : reps[i - (rank - reps.length)];
            interleaved[2 * i + 1] = padded[i];
            repAxes[i] = 2 * i;
        }
        return reshape(sum(reshape(v, interleaved), repAxes, false), shape);
    }

    /** Repeating's transpose: the copies of each slice summed. */
    private static Tensor unrepeat(Tensor v, int[] shape, int repeats, int axis) {
        int ax = Shapes.axis("repeat", axis, shape);
        int[] expanded = new int[shape.length + 1];
        for (int i = 0, j = 0; i < expanded.length; i++) {
            expanded[i] = i == ax + 1 ? repeats : shape[j++];
        }
        return sum(reshape(v, expanded), new int[] {ax + 1}, false);
    }

    /** Padding's transpose: the interior sliced back out, axis by axis. */
    private static Tensor unpad(Tensor v, int[] shape, int[][] padWidth) {
        Tensor out = v;
        for (int i = 0; i < shape.length; i++) {
            out = slice(out, i, padWidth[i][0], padWidth[i][0] + shape[i], 1);
        }
        return out;
    }
}
