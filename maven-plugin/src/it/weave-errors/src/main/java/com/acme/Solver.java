package com.acme;

import dev.cotangent.Differentiable;

/** A second rejected method in another class: every error of the run is listed. */
public final class Solver {

    private static double last;

    private Solver() {}

    @Differentiable
    public static double step(double x) {
        last = Math.sin(x); // rejected: an active value stored into a static field
        return last;
    }
}
