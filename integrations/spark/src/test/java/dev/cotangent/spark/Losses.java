package dev.cotangent.spark;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.io.Serializable;

/**
 * Logistic losses the tests distribute, woven ahead of time by the Maven plugin (the tests run
 * without the weaver, as executors do). Labels are 0 or 1; a bias is a feature that is always 1.
 */
final class Losses {

    private Losses() {}

    /** {@code log(1 + e^z) − y·z} with {@code z = w·x}, without overflow. */
    @Differentiable
    static double logistic(double[] w, double[] x, double y) {
        double z = 0;
        for (int j = 0; j < x.length; j++) {
            z += w[j] * x[j];
        }
        return softplus(z) - y * z;
    }

    /** {@link #logistic} summed over the rows of a batch. */
    @Differentiable
    static double logisticBatch(double[] w, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += logistic(w, x[i], y[i]);
        }
        return sum;
    }

    /** {@link #logisticBatch} with {@code Np}: weights {@code [d]}, features {@code [rows, d]}, labels {@code [rows]}. */
    @Differentiable
    static Tensor logisticTensor(Tensor w, Tensor x, Tensor y) {
        Tensor z = Np.matmul(x, w);
        Tensor softplus = Np.add(Np.maximum(z, Tensor.scalar(0)), Np.log1p(Np.exp(Np.negative(Np.abs(z)))));
        return Np.sum(Np.subtract(softplus, Np.multiply(y, z)));
    }

    /** Not annotated and never given to AD: the Maven plugin does not weave it. */
    static double notAnnotated(double[] w, double[] x, double y) {
        return w[0] * x[0] * y;
    }

    /** A batch loss that is not annotated: not woven. */
    static double notABatchLoss(double[] w, double[][] x, double[] y) {
        return w[0];
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /**
     * A loss bound to an instance whose field, an L2 weight per example, travels to the
     * executors with it: {@code logistic + λ/2·|w|²}.
     */
    record Ridge(double lambda) implements Serializable {

        @Differentiable
        double loss(double[] w, double[] x, double y) {
            double penalty = 0;
            for (double v : w) {
                penalty += v * v;
            }
            return logistic(w, x, y) + 0.5 * lambda * penalty;
        }
    }
}
