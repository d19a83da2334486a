package dev.cotangent.tensor.internal;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.DirectArray;
import dev.cotangent.tensor.Tensor;

import java.nio.DoubleBuffer;

/**
 * Internal: zero-copy access to a {@link Tensor}'s storage for Cotangent's own kernels
 * (einsum, the primitive registry, the BLAS dispatch, woven code's runtime).
 *
 * <p>Not part of the user contract. Arrays returned here are shared with the tensor and must
 * never be written; arrays handed to {@link #wrap} are owned by the new tensor from then on.
 */
public final class TensorStorage {

    /** What {@link Tensor} exposes to this class; installed by {@code Tensor}'s initialiser. */
    public interface Access {
        double[] array(Tensor t);

        int[] shape(Tensor t);

        Tensor wrap(double[] data, int[] shape);

        DoubleBuffer direct(Tensor t, Blas blas);

        boolean hasDirect(Tensor t);

        int countNativeRead(Tensor t);

        Tensor wrapDirect(DirectArray data, int[] shape);

        Tensor withShape(Tensor t, int[] shape);
    }

    private static volatile Access access;

    private TensorStorage() {}

    /** Called once by {@link Tensor}; a second call is refused. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("TensorStorage access is installed already");
        }
        access = a;
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            // Initialising Tensor installs the access.
            Tensor.scalar(0);
            a = access;
        }
        return a;
    }

    /** The row-major elements, shared: never write to the returned array. */
    public static double[] array(Tensor t) {
        return access().array(t);
    }

    /** The shape, shared: never write to the returned array. */
    public static int[] shape(Tensor t) {
        return access().shape(t);
    }

    /** A tensor owning {@code data} (no copy); {@code shape} is owned too. */
    public static Tensor wrap(double[] data, int... shape) {
        return access().wrap(data, shape);
    }

    /**
     * The elements for native code: in direct memory allocated by {@code blas} (made and kept
     * on first use) when it has room, else a heap buffer the BLAS stages for the call.
     */
    public static DoubleBuffer direct(Tensor t, Blas blas) {
        return access().direct(t, blas);
    }

    /** Whether the elements are in direct memory already, so that native code can read them without a copy. */
    public static boolean hasDirect(Tensor t) {
        return access().hasDirect(t);
    }

    /**
     * The same elements under another shape of the same size, sharing whichever storages
     * (heap, direct) the tensor has: a reshape that never copies; {@code shape} is owned.
     */
    public static Tensor withShape(Tensor t, int... shape) {
        return access().withShape(t, shape);
    }

    /**
     * Counts one more read of the tensor's heap elements by native code and returns the count
     * so far: a tensor read again and again (a weight) deserves a direct copy of its own, one
     * read once or twice (an intermediate) is better staged.
     */
    public static int countNativeRead(Tensor t) {
        return access().countNativeRead(t);
    }

    /** A tensor owning direct memory (no copy). */
    public static Tensor wrapDirect(DirectArray data, int... shape) {
        return access().wrapDirect(data, shape);
    }
}
