package com.acme;

import dev.cotangent.Differentiable;

/** The functions the application differentiates. */
public final class Model {

    private Model() {}

    /** Rosenbrock's function, summed through a helper that carries no annotation. */
    @Differentiable
    public static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            s += Terms.term(x[i], x[i + 1]);
        }
        return s;
    }

    /** A potential chosen at run time (a virtual call) plus a spring. */
    @Differentiable
    public static double energy(double x, Potential potential) {
        return potential.at(x) + 0.5 * x * x;
    }

    /**
     * Ordinary code beside the differentiated methods, merging two sibling types: the woven
     * class must keep it byte for byte (its frame says {@code Number}), or it fails to load.
     */
    public static double parse(String s, boolean integer) {
        Number n;
        if (integer) {
            n = Integer.valueOf(s);
        } else {
            n = Double.valueOf(s);
        }
        return n.doubleValue();
    }

    /** Its second derivatives are woven ahead of time too: {@code hvp} runs without the weaver. */
    @Differentiable(secondOrder = true)
    public static double quartic(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i] * x[i] * x[i] + x[i] * x[(i + 1) % x.length];
        }
        return s;
    }
}
