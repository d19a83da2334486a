package com.acme;

/** Implemented twice; the derivative follows the implementation that runs. */
public interface Potential {
    double at(double x);
}
