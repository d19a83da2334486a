package dev.cotangent.spark;

import dev.cotangent.tensor.Tensor;

import java.io.Serializable;

/**
 * {@link BatchLoss} written with {@code Np}: a reference to a {@code @Differentiable} method
 * {@code Tensor loss(Tensor weights, Tensor features, Tensor labels)} returning a one-element
 * tensor, the loss summed over the batch; {@code weights} has shape {@code [n]},
 * {@code features} {@code [rows, d]}, {@code labels} {@code [rows]}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface TensorBatchLoss extends Serializable {
    Tensor loss(Tensor weights, Tensor features, Tensor labels);
}
