package com.acme;

import dev.cotangent.Differentiable;

/** Keeps an active value in a field, which the weaver rejects. */
public class Model {

    private double cache;

    @Differentiable
    public double loss(double x) {
        cache = x * x; // rejected: an active value stored into a field
        return cache + x;
    }
}
