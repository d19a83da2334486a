/**
 * Logistic regression on a million generated rows with Spark: MLlib's L-BFGS on a woven
 * per-example loss ({@code cotangent-spark}).
 */
package dev.cotangent.examples.spark;
