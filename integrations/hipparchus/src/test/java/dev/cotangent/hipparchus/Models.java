package dev.cotangent.hipparchus;

import dev.cotangent.Differentiable;

/** Models the tests fit, woven ahead of time by the Maven plugin (the tests run without the weaver). */
final class Models {

    /** Observation times, read by the models as constants. */
    static final double[] TIMES = {0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0};

    private Models() {}

    /** {@code a·e^(−b·t) + c·e^(−d·t)} at {@link #TIMES}: four parameters, twelve outputs (tall: forward mode). */
    @Differentiable
    static double[] twoExponentials(double[] p) {
        double[] y = new double[TIMES.length];
        for (int i = 0; i < TIMES.length; i++) {
            y[i] = p[0] * Math.exp(-p[1] * TIMES[i]) + p[2] * Math.exp(-p[3] * TIMES[i]);
        }
        return y;
    }

    /** Two outputs of six parameters (wide: reverse mode): {@code Σ pᵢ² sin(i+1)} and {@code Π (1 + pᵢ²/4)}. */
    @Differentiable
    static double[] wide(double[] p) {
        double s = 0;
        double q = 1;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * p[i] * Math.sin(i + 1);
            q *= 1 + p[i] * p[i] / 4;
        }
        return new double[] {s, q};
    }

    /** The Rosenbrock function, for the conjugate-gradient optimizer. */
    @Differentiable
    static double rosenbrock(double[] x) {
        double f = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
        }
        return f;
    }

    /**
     * Not annotated: woven all the same, because a reference to it is given to
     * {@code ExactJacobian.of}, which takes {@code AD.VectorFunction} (the Maven plugin weaves the
     * methods behind AD's function types).
     */
    static double[] squares(double[] p) {
        return new double[] {p[0] * p[0], p[0] * p[1]};
    }

    /**
     * First-order decay {@code y(t) = y0·e^(−k·t)} integrated by explicit Euler steps, a model
     * whose data (the step and the times) live in the instance's fields.
     */
    record Decay(double step, double[] times) {

        @Differentiable
        double[] predict(double[] p) {
            double y = p[0];
            double t = 0;
            double[] out = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                while (t < times[i] - 1e-12) {
                    y -= step * p[1] * y;
                    t += step;
                }
                out[i] = y;
            }
            return out;
        }
    }
}
