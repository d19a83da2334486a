package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;

/** A differentiable method in another class. */
public final class OtherModel {

    private OtherModel() {}

    @Differentiable
    public static double energy(double x, double y) {
        return Math.exp(-x * x) * Math.cos(y) + x * y;
    }
}
