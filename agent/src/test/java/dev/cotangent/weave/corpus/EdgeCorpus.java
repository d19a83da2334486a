package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * Code whose derivatives are read at the edge points of the rules it uses (powers of 0, a
 * zero argument of hypot, the ends of asin's domain, a singular determinant), woven like any
 * user code, so that what is checked is the generated code rather than the registry alone.
 */
public final class EdgeCorpus {

    private static final Tensor EXPONENTS = Tensor.of(new double[] {0, 1, 2, 3});

    private EdgeCorpus() {}

    /** A polynomial written as Σ cₖ·pow(x, k) from k = 0, as code ported from formulas is. */
    @Differentiable(secondOrder = true)
    public static double powerSeries(double x) {
        double[] c = {0.5, -1.5, 2.0, 0.25};
        double s = 0;
        for (int k = 0; k < c.length; k++) {
            s += c[k] * Math.pow(x, k);
        }
        return s;
    }

    @Differentiable(secondOrder = true)
    public static double cubePlusSquare(double x) {
        return Math.pow(x, 3) + Math.pow(x, 2);
    }

    @Differentiable
    public static double hypotOfOne(double x) {
        return Math.hypot(x, 0);
    }

    @Differentiable
    public static double hypot(double x, double y) {
        return Math.hypot(x, y);
    }

    /** The Euclidean norm written out, as user code does: √(Σ vᵢ²). */
    @Differentiable
    public static double euclidean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Differentiable
    public static double arcsine(double x) {
        return Math.asin(x);
    }

    @Differentiable
    public static double angle(double y, double x) {
        return Math.atan2(y, x);
    }

    /** Σ xᵢ^kᵢ for the exponents 0, 1, 2, 3. */
    @Differentiable(secondOrder = true)
    public static double tensorPowers(Tensor x) {
        return Np.sum(Np.power(x, EXPONENTS)).item();
    }

    @Differentiable
    public static double tensorHypot(Tensor x, Tensor y) {
        return Np.sum(Np.hypot(x, y)).item();
    }

    @Differentiable
    public static double determinant(Tensor a) {
        return Linalg.det(a).item();
    }
}
