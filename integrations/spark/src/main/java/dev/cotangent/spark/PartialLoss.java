package dev.cotangent.spark;

import java.io.Serializable;

/**
 * A loss and its gradient summed over some of the data: what each batch gives and what
 * {@code treeAggregate} adds up, in place, into the left operand.
 */
final class PartialLoss implements Serializable {

    private static final long serialVersionUID = 1L;

    double value;
    final double[] gradient;

    PartialLoss(double value, double[] gradient) {
        this.value = value;
        this.gradient = gradient;
    }

    static PartialLoss zero(int n) {
        return new PartialLoss(0, new double[n]);
    }

    /** This plus {@code other}, written into this. */
    PartialLoss add(PartialLoss other) {
        value += other.value;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        return this;
    }
}
