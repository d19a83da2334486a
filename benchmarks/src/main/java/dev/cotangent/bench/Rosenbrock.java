package dev.cotangent.bench;

import dev.cotangent.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The Rosenbrock function {@code Σ 100(x[i+1] − x[i]²)² + (1 − x[i])²} in the forms the
 * benchmarks compare: the woven primal, a hand-written adjoint, and Hipparchus forward mode.
 */
public final class Rosenbrock {

    private Rosenbrock() {}

    /** The primal; its tangent and adjoint are woven. */
    @Differentiable
    public static double value(double[] x) {
        double f = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
        }
        return f;
    }

    /** The value, with the gradient written into {@code g} (overwritten): the adjoint by hand, one pass. */
    public static double valueAndGradient(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0.0);
        double f = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * x[i] - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    /** The tangent along {@code dx} written by hand, to compare the woven tangent with. */
    public static double tangent(double[] x, double[] dx) {
        double df = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            double da = dx[i + 1] - 2 * x[i] * dx[i];
            df += 200 * a * da - 2 * b * dx[i];
        }
        return df;
    }

    /** The function on Hipparchus's forward-mode numbers. */
    public static Gradient value(Gradient[] x) {
        Gradient f = x[0].getField().getZero();
        for (int i = 0; i < x.length - 1; i++) {
            Gradient a = x[i + 1].subtract(x[i].square());
            Gradient b = x[i].negate().add(1);
            f = f.add(a.square().multiply(100)).add(b.square());
        }
        return f;
    }

    /** The full gradient by Hipparchus forward mode: one free parameter per element, O(n²). */
    public static double[] hipparchusGradient(double[] x) {
        Gradient[] v = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Gradient.variable(x.length, i, x[i]);
        }
        return value(v).getGradient();
    }

    /** The tangent along {@code dx} by Hipparchus forward mode: one free parameter, the direction. */
    public static double hipparchusTangent(double[] x, double[] dx) {
        Gradient[] v = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = new Gradient(x[i], dx[i]);
        }
        return value(v).getPartialDerivative(0);
    }
}
