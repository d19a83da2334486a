package dev.cotangent.examples.logistic;

import dev.cotangent.AD;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticTest {

    @Test
    void theDataHave569SamplesOf30Features() {
        Logistic.Data all = Logistic.load();
        assertThat(all.x()).hasNumberOfRows(569);
        assertThat(all.x()[0]).hasSize(30);
        assertThat(all.y()).containsOnly(0.0, 1.0);
    }

    @Test
    void wovenGradientEqualsTheTextbookGradient() {
        Logistic.Data[] split = Logistic.trainAndTest(Logistic.load(), 0.2, 3);
        Logistic.standardise(split[0], split[1]);
        double lambda = 0.1;
        Logistic.Problem problem = new Logistic.Problem(split[0], lambda);
        SplittableRandom random = new SplittableRandom(9);
        double[] w = new double[31];
        for (int j = 0; j < w.length; j++) {
            w[j] = random.nextDouble(-0.5, 0.5);
        }
        // ∇ = Xᵀ(σ(Xw + b) − y) / n + λw, the bias not penalised
        double[][] x = split[0].x();
        double[] expected = new double[w.length];
        for (int i = 0; i < x.length; i++) {
            double z = w[30];
            for (int j = 0; j < 30; j++) {
                z += w[j] * x[i][j];
            }
            double residual = 1 / (1 + Math.exp(-z)) - split[0].y()[i];
            for (int j = 0; j < 30; j++) {
                expected[j] += residual * x[i][j] / x.length;
            }
            expected[30] += residual / x.length;
        }
        for (int j = 0; j < 30; j++) {
            expected[j] += lambda * w[j];
        }
        double[] gradient = AD.gradient(problem::loss, w);
        for (int j = 0; j < w.length; j++) {
            assertThat(gradient[j]).isCloseTo(expected[j], within(1e-12));
        }
    }

    @Test
    void theFitClassifiesMoreThan90PercentOfTheHeldOutSamples() {
        Logistic.Fit fit = Logistic.fit(0.01, false);
        assertThat(fit.optimisation().converged()).isTrue();
        assertThat(fit.trainAccuracy()).isGreaterThan(0.9);
        assertThat(fit.testAccuracy()).isGreaterThan(0.9);
    }

    /**
     * Newton's method on woven Hessian-vector products reaches the optimum L-BFGS finds, in
     * a handful of steps: the products are exact (a convex loss, so no step is wasted).
     */
    @Test
    void newtonOnHessianVectorProductsReachesTheLbfgsOptimum() {
        Logistic.Fit lbfgs = Logistic.fit(0.01, false);
        NewtonFit.Result newton = NewtonFit.fit(Logistic.split()[0], 0.01, 1e-8, 50);
        assertThat(newton.gradientNorm()).isLessThan(1e-8);
        assertThat(newton.iterations()).isLessThanOrEqualTo(15);
        assertThat(newton.loss()).isCloseTo(lbfgs.optimisation().value(), within(1e-10));
        for (int j = 0; j < newton.weights().length; j++) {
            assertThat(newton.weights()[j]).as("weight %d", j).isCloseTo(lbfgs.weights()[j], within(1e-5));
        }
    }

    /** The tensor loss equals the loop-based one the L-BFGS fit minimises. */
    @Test
    void theTensorLossIsTheSameObjective() {
        Logistic.Data train = Logistic.split()[0];
        SplittableRandom random = new SplittableRandom(4);
        double[] w = new double[31];
        for (int j = 0; j < w.length; j++) {
            w[j] = random.nextDouble(-1, 1);
        }
        double loops = new Logistic.Problem(train, 0.05).loss(w);
        double tensors = NewtonFit.loss(dev.cotangent.tensor.Tensor.of(java.util.Arrays.copyOf(w, 30)),
                dev.cotangent.tensor.Tensor.scalar(w[30]), dev.cotangent.tensor.Tensor.of(train.x()),
                dev.cotangent.tensor.Tensor.of(train.y()), 0.05);
        assertThat(tensors).isCloseTo(loops, within(1e-12));
    }
}
