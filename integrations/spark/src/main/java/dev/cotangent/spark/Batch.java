package dev.cotangent.spark;

import java.io.Serializable;

/**
 * Rows of a partition gathered for one call of a batch loss: one feature row and one label per
 * example.
 */
record Batch(double[][] features, double[] labels) implements Serializable {}
