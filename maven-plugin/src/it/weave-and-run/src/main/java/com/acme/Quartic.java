package com.acme;

/** x⁴. */
public final class Quartic implements Potential {
    @Override
    public double at(double x) {
        return x * x * x * x;
    }
}
