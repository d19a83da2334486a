package com.acme;

/** 1 − cos x. */
public final class Well implements Potential {
    @Override
    public double at(double x) {
        return 1 - Math.cos(x);
    }
}
