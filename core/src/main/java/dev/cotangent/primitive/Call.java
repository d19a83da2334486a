package dev.cotangent.primitive;

import dev.cotangent.tensor.Tensor;

/**
 * One application of a primitive: its arguments and its answer. Derivative values and
 * transposes are functions of a call, so they can use the inputs, the static parameters
 * (axes, shapes, flags) and the output without recomputing it.
 *
 * @param args the arguments in declaration order (tensors, {@code Tensor[]}, boxed
 *             primitives, {@code int[]}, strings)
 * @param ans  the primitive's result: a {@link Tensor}, {@code Tensor[]} or {@code Double}
 * @since 0.1
 */
public record Call(Object[] args, Object ans) {

    /** Argument {@code i} as a tensor. */
    public Tensor tensor(int i) {
        return (Tensor) args[i];
    }

    /** Argument {@code i} as a sequence of tensors. */
    public Tensor[] tensors(int i) {
        return (Tensor[]) args[i];
    }

    /** The shape of tensor argument {@code i}. */
    public int[] shape(int i) {
        return tensor(i).shape();
    }

    /** Argument {@code i} as an {@code int}. */
    public int integer(int i) {
        return (Integer) args[i];
    }

    /** Argument {@code i} as an {@code int[]} (may be {@code null}, e.g. "all axes"). */
    public int[] ints(int i) {
        return (int[]) args[i];
    }

    /** Argument {@code i} as a {@code boolean}. */
    public boolean bool(int i) {
        return (Boolean) args[i];
    }

    /** Argument {@code i} as a {@code double}. */
    public double real(int i) {
        return (Double) args[i];
    }

    /** Argument {@code i} as a string. */
    public String string(int i) {
        return (String) args[i];
    }

    /** The answer as a tensor. */
    public Tensor y() {
        return (Tensor) ans;
    }

    /** Output {@code i} of a primitive with several outputs. */
    public Tensor y(int i) {
        return ((Tensor[]) ans)[i];
    }

    /** The rank of tensor argument {@code i}. */
    public int ndim(int i) {
        return tensor(i).ndim();
    }
}
