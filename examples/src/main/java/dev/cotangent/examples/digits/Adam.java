package dev.cotangent.examples.digits;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015):
 * gradient descent with a per-coordinate step size, from running averages of the gradient
 * (first moment) and of its square (second moment), both corrected for their start at zero.
 *
 * <p>Parameters are a list of {@code double[]} blocks updated in place, so a matrix is
 * simply its rows: see {@link #blocks}.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double rate;
    private final double[][] m;
    private final double[][] v;
    private int t;

    Adam(double rate, double[][] parameters) {
        this.rate = rate;
        this.m = zerosLike(parameters);
        this.v = zerosLike(parameters);
    }

    /** One step against {@code gradient}, which has the blocks of {@code parameters}. */
    void step(double[][] parameters, double[][] gradient) {
        t++;
        double correction1 = 1 - Math.pow(BETA1, t);
        double correction2 = 1 - Math.pow(BETA2, t);
        for (int b = 0; b < parameters.length; b++) {
            double[] p = parameters[b];
            double[] g = gradient[b];
            double[] mb = m[b];
            double[] vb = v[b];
            for (int i = 0; i < p.length; i++) {
                mb[i] = BETA1 * mb[i] + (1 - BETA1) * g[i];
                vb[i] = BETA2 * vb[i] + (1 - BETA2) * g[i] * g[i];
                p[i] -= rate * (mb[i] / correction1) / (Math.sqrt(vb[i] / correction2) + EPSILON);
            }
        }
    }

    /**
     * The {@code double[]} blocks of some arrays, in order: a {@code double[]} is one block, a
     * {@code double[][]} contributes its rows (the same arrays, not copies), {@code null} is
     * skipped. Works on the weights and equally on the {@code Object[]} a gradient comes in.
     */
    static double[][] blocks(Object... arrays) {
        List<double[]> out = new ArrayList<>();
        for (Object a : arrays) {
            if (a instanceof double[] vector) {
                out.add(vector);
            } else if (a instanceof double[][] matrix) {
                out.addAll(List.of(matrix));
            } else if (a != null) {
                throw new IllegalArgumentException("not a double[] or double[][]: " + a.getClass().getSimpleName());
            }
        }
        return out.toArray(new double[0][]);
    }

    private static double[][] zerosLike(double[][] blocks) {
        double[][] z = new double[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            z[b] = new double[blocks[b].length];
        }
        return z;
    }
}
