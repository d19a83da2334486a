package dev.cotangent.examples.logistic;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * The same regularised logistic regression written on tensors and fitted by Newton's method:
 * each step solves {@code H·p = −∇} by conjugate gradients, where {@code H·v} is a
 * Hessian-vector product woven from the loss ({@code @Differentiable(secondOrder = true)}, so
 * the Maven plugin weaves it ahead of time like the gradient). No Hessian matrix is formed.
 */
final class NewtonFit {

    /** The weights (bias last), the loss, the gradient's norm and the Newton steps taken. */
    record Result(double[] weights, double loss, double gradientNorm, int iterations, int hessianProducts) {}

    private static final DifferentiableFunction LOSS = AD.function(NewtonFit.class, "loss", Tensor.class,
            Tensor.class, Tensor.class, Tensor.class, double.class);

    private NewtonFit() {}

    /**
     * Mean negative log-likelihood plus (λ/2)·|w|²: x (samples, features), labels y in {0, 1},
     * weights w (features), bias b (rank 0, not penalised).
     */
    @Differentiable(secondOrder = true)
    static double loss(Tensor w, Tensor b, Tensor x, Tensor y, double lambda) {
        Tensor z = Np.add(Np.matmul(x, w), b);
        // log(1 + eᶻ) without overflow: max(z, 0) + log1p(e^−|z|).
        Tensor softplus = Np.add(Np.maximum(z, Tensor.scalar(0)), Np.log1p(Np.exp(Np.negative(Np.abs(z)))));
        double nll = Np.mean(Np.subtract(softplus, Np.multiply(y, z))).item();
        return nll + 0.5 * lambda * Np.sum(Np.square(w)).item();
    }

    /** Newton–CG from zero weights until the gradient's norm is below {@code tolerance}. */
    static Result fit(Logistic.Data train, double lambda, double tolerance, int maxIterations) {
        Tensor x = Tensor.of(train.x());
        Tensor y = Tensor.of(train.y());
        int features = train.x()[0].length;
        double[] theta = new double[features + 1];
        int products = 0;
        for (int iteration = 0; ; iteration++) {
            Object[] args = arguments(theta, x, y, lambda);
            double[] gradient = flat(LOSS.gradient(args), features);
            double norm = Math.sqrt(dot(gradient, gradient));
            if (norm < tolerance || iteration == maxIterations) {
                return new Result(theta, (Double) LOSS.value(args), norm, iteration, products);
            }
            // Conjugate gradients on H·p = −g, stopped early while far from the optimum.
            double[] p = new double[theta.length];
            double[] r = gradient.clone();
            for (int i = 0; i < r.length; i++) {
                r[i] = -r[i];
            }
            double[] d = r.clone();
            double rr = dot(r, r);
            double stop = Math.min(0.5, Math.sqrt(norm)) * norm;
            for (int k = 0; k < theta.length && Math.sqrt(rr) > stop; k++) {
                double[] hd = flat(LOSS.hvp(args, new Object[] {Tensor.of(java.util.Arrays.copyOf(d, features)),
                        Tensor.scalar(d[features]), null, null, null}), features);
                products++;
                double alpha = rr / dot(d, hd);
                for (int i = 0; i < p.length; i++) {
                    p[i] += alpha * d[i];
                    r[i] -= alpha * hd[i];
                }
                double next = dot(r, r);
                for (int i = 0; i < d.length; i++) {
                    d[i] = r[i] + next / rr * d[i];
                }
                rr = next;
            }
            theta = lineSearch(theta, p, gradient, (Double) LOSS.value(args), x, y, lambda);
        }
    }

    /** Backtracking from the full Newton step until the loss falls enough (Armijo). */
    private static double[] lineSearch(double[] theta, double[] p, double[] gradient, double loss, Tensor x, Tensor y,
                                       double lambda) {
        double slope = dot(gradient, p);
        for (double step = 1; ; step /= 2) {
            double[] next = theta.clone();
            for (int i = 0; i < next.length; i++) {
                next[i] += step * p[i];
            }
            if ((Double) LOSS.value(arguments(next, x, y, lambda)) <= loss + 1e-4 * step * slope || step < 1e-10) {
                return next;
            }
        }
    }

    private static Object[] arguments(double[] theta, Tensor x, Tensor y, double lambda) {
        int features = theta.length - 1;
        return new Object[] {Tensor.of(java.util.Arrays.copyOf(theta, features)), Tensor.scalar(theta[features]), x,
                y, lambda};
    }

    /** The derivatives with respect to w and b as one vector, bias last. */
    private static double[] flat(Object[] derivatives, int features) {
        double[] out = new double[features + 1];
        System.arraycopy(((Tensor) derivatives[0]).toArray(), 0, out, 0, features);
        out[features] = ((Tensor) derivatives[1]).item();
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
