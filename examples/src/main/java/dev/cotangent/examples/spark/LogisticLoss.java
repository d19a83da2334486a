package dev.cotangent.examples.spark;

import dev.cotangent.Differentiable;

/**
 * The loss of logistic regression, woven ahead of time: per example for MLlib, and over all the
 * rows of a sample for the single-machine fit it is compared with. Labels are 0 or 1; the bias is
 * a feature that is always 1.
 */
public final class LogisticLoss {

    private LogisticLoss() {}

    /** {@code log(1 + e^z) − y·z} with {@code z = w·x}, without overflow for large {@code |z|}. */
    @Differentiable
    public static double example(double[] w, double[] x, double y) {
        double z = 0;
        for (int j = 0; j < x.length; j++) {
            z += w[j] * x[j];
        }
        double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        return softplus - y * z;
    }

    /** What MLlib's L-BFGS minimises with a {@code SquaredL2Updater}: the mean loss plus {@code λ/2·|w|²}. */
    public record Sample(double[][] x, double[] y, double lambda) {

        @Differentiable
        public double objective(double[] w) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += example(w, x[i], y[i]);
            }
            double penalty = 0;
            for (double v : w) {
                penalty += v * v;
            }
            return sum / x.length + 0.5 * lambda * penalty;
        }
    }
}
