package com.acme;

/** Not annotated: differentiated through from Model. */
final class Terms {

    private Terms() {}

    static double term(double a, double b) {
        double d = b - a * a;
        return 100 * d * d + (1 - a) * (1 - a);
    }
}
