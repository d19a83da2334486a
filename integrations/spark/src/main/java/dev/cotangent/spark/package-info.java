/**
 * Data-parallel gradients of woven losses on Spark: {@link dev.cotangent.spark.WovenGradient}, an
 * MLlib {@code Gradient} for {@code LBFGS.runLBFGS} and {@code GradientDescent}, and
 * {@link dev.cotangent.spark.DistributedLoss}, a loss over a {@code Dataset}'s rows in batches.
 */
package dev.cotangent.spark;
