package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * Contractions as a user writes them: {@code @Differentiable} methods that call {@code Np}, and
 * their woven reverse mode through the public {@link DifferentiableFunction}, so that a VJP
 * measured here includes everything a user's call goes through (argument checks, the
 * generated forward and reverse sweeps, the tape, the registry's transposed rules).
 */
public final class Contractions {

    /** Reverse mode of {@link #dot}. */
    public static final DifferentiableFunction DOT = AD.function(Contractions.class, "dot", Tensor.class, Tensor.class);
    /** Reverse mode of {@link #matmul}. */
    public static final DifferentiableFunction MATMUL =
            AD.function(Contractions.class, "matmul", Tensor.class, Tensor.class);
    /** Reverse mode of {@link #tensordot}. */
    public static final DifferentiableFunction TENSORDOT =
            AD.function(Contractions.class, "tensordot", Tensor.class, Tensor.class, int.class);

    private Contractions() {}

    @Differentiable
    public static Tensor dot(Tensor a, Tensor b) {
        return Np.dot(a, b);
    }

    @Differentiable
    public static Tensor matmul(Tensor a, Tensor b) {
        return Np.matmul(a, b);
    }

    /** The last {@code axes} axes of a against the first of b. */
    @Differentiable
    public static Tensor tensordot(Tensor a, Tensor b, int axes) {
        return Np.tensordot(a, b, axes);
    }
}
