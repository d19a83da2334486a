package com.acme;

import dev.cotangent.Differentiable;

/** A test-source class, woven by the second execution. */
public final class Fixture {

    private Fixture() {}

    @Differentiable
    public static double cube(double x) {
        return x * x * x;
    }
}
