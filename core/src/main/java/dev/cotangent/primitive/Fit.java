package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Scatter;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;
import dev.cotangent.tensor.internal.TensorStorage;

import java.util.Arrays;

/**
 * Fitting a rule's natural result to the shape it must have, and the transpose of that fit.
 * A rule's einsum yields, say, {@code (a, c)} where {@code keepdims} wants {@code (a, 1, c)}
 * (a reshape), or {@code (4,)} where the primitive's output broadcasts to {@code (3, 4)} (a
 * broadcast); the transpose of the first is the reverse reshape and of the second a sum
 * down to the natural shape — DESIGN.md §1's third correction.
 */
final class Fit {

    private Fit() {}

    /** {@code t} made to have {@code shape} by a reshape that only adds or drops 1s, or a broadcast. */
    static Tensor to(Tensor t, int[] shape) {
        int[] from = TensorStorage.shape(t);
        if (Arrays.equals(from, shape)) {
            return t;
        }
        if (sameApartFromOnes(from, shape)) {
            return Np.reshape(t, shape);
        }
        if (Shapes.broadcastsTo(from, shape)) {
            return Np.broadcast_to(t, shape);
        }
        throw new IllegalStateException("a rule produced shape " + Shapes.str(from) + " where " + Shapes.str(shape)
                + " was expected");
    }

    /** The transpose of {@link #to}: {@code v} (of the fitted shape) brought back to {@code natural}. */
    static Tensor back(Tensor v, int[] natural) {
        int[] from = TensorStorage.shape(v);
        if (Arrays.equals(from, natural)) {
            return v;
        }
        if (sameApartFromOnes(from, natural)) {
            return Np.reshape(v, natural);
        }
        if (Shapes.broadcastsTo(natural, from)) {
            return Scatter.unbroadcast(v, natural);
        }
        throw new IllegalStateException("a cotangent of shape " + Shapes.str(from) + " cannot be brought back to "
                + Shapes.str(natural));
    }

    static boolean sameApartFromOnes(int[] a, int[] b) {
        return Shapes.size(a) == Shapes.size(b) && Arrays.equals(withoutOnes(a), withoutOnes(b));
    }

    private static int[] withoutOnes(int[] s) {
        return Arrays.stream(s).filter(d -> d != 1).toArray();
    }
}
