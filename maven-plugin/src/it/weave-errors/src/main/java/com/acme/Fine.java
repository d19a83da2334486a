package com.acme;

import dev.cotangent.Differentiable;

/** Differentiable: woven once the errors are only warnings. */
public final class Fine {

    private Fine() {}

    @Differentiable
    public static double square(double x) {
        return x * x;
    }
}
