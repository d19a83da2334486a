package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * The matrix-product loss of the table, {@code sum(A·B ∘ G)}: its gradient is
 * {@code (G·Bᵀ, Aᵀ·G)}, one forward product and two backward ones.
 */
public final class MatmulLoss {

    /** The gradient with respect to A and B; G is data. */
    public static final DifferentiableFunction GRADIENT =
            AD.function(MatmulLoss.class, "loss", Tensor.class, Tensor.class, Tensor.class).withRespectTo(0, 1);

    private MatmulLoss() {}

    /** {@code Σ (A·B) ∘ G}; woven. */
    @Differentiable
    public static double loss(Tensor a, Tensor b, Tensor g) {
        return Np.sum(Np.multiply(Np.matmul(a, b), g)).item();
    }
}
