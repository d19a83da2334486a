package dev.cotangent.spark;

import java.io.Serializable;

/**
 * The loss of one example: a reference to a {@code @Differentiable} method
 * {@code double loss(double[] weights, double[] features, double label)}, static
 * ({@code Model::loss}) or bound to a serializable instance ({@code model::loss}, whose fields are
 * read as constants). Spark sends it to the executors by Java serialization; what it names is
 * differentiated there with the derivatives woven into its class.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface ExampleLoss extends Serializable {
    double loss(double[] weights, double[] features, double label);
}
