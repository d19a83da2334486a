package dev.cotangent.spark;

import java.io.Serializable;

/**
 * The loss of a batch of examples, summed (not averaged) over its rows: a reference to a
 * {@code @Differentiable} method {@code double loss(double[] weights, double[][] features,
 * double[] labels)} with one row of {@code features} and one label per example, static or bound
 * to a serializable instance. The sum over batches is the loss of the data set, whatever its
 * partitioning.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface BatchLoss extends Serializable {
    double loss(double[] weights, double[][] features, double[] labels);
}
