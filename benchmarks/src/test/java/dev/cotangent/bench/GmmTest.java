package dev.cotangent.bench;

import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Gmm}'s objective against a loop-by-loop evaluation of ADBench's formula, and its woven
 * gradient against central finite differences, on small sizes.
 */
class GmmTest {

    /** d = 3, k = 4, n = 5, and a prior γ = 1.3, m = 2 that makes every term count. */
    private static Object[] small() {
        Object[] in = GmmBench.inputs(3, 4, 5);
        in[4] = 1.3;
        in[5] = 2;
        return in;
    }

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(Gmm.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(Gmm.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(Gmm.logGamma(0.25)).isCloseTo(Math.log(3.6256099082219083), within(1e-13));
        // Γ_1(a) = Γ(a); Γ_2(a) = √π Γ(a) Γ(a − ½).
        assertThat(Gmm.logMultivariateGamma(3.5, 1)).isCloseTo(Gmm.logGamma(3.5), within(1e-13));
        assertThat(Gmm.logMultivariateGamma(3.5, 2))
                .isCloseTo(0.5 * Math.log(Math.PI) + Gmm.logGamma(3.5) + Gmm.logGamma(3.0), within(1e-12));
    }

    @Test
    void objectiveMatchesTheFormulaWrittenWithLoops() {
        Object[] in = small();
        double woven = Gmm.objective((Tensor) in[0], (Tensor) in[1], (Tensor) in[2], (Tensor) in[3], 1.3, 2);
        assertThat(woven).isCloseTo(byLoops(in), within(1e-10));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Object[] in = small();
        Object[] gradient = Gmm.GRADIENT.gradient(in);
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 3; trial++) {
            Object[] u = new Object[in.length];
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                u[i] = GradCheck.randomLike(in[i], r);
                expected += GradCheck.inner(gradient[i], u[i]);
            }
            double numeric = (Double) GradCheck.numericJvp(a -> byLoops(a), in, u);
            assertThat(expected).as("⟨∇f, u⟩ against central differences, trial %d", trial)
                    .isCloseTo(numeric, within(1e-7 * (1 + Math.abs(numeric))));
        }
        assertThat(gradient[3]).as("the points are data").isNull();
    }

    /** ADBench's GMM objective, one loop per sum. */
    private static double byLoops(Object[] in) {
        double[] alphas = ((Tensor) in[0]).toArray();
        Tensor meansT = (Tensor) in[1];
        double[] means = meansT.toArray();
        double[] icf = ((Tensor) in[2]).toArray();
        Tensor xT = (Tensor) in[3];
        double[] x = xT.toArray();
        double gamma = (Double) in[4];
        int m = (Integer) in[5];
        int k = alphas.length;
        int n = xT.shape()[0];
        int d = xT.shape()[1];
        int width = d + d * (d - 1) / 2;
        double[][][] q = new double[k][d][d];
        double[] sumQ = new double[k];
        double prior = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                double logDiag = icf[c * width + i];
                q[c][i][i] = Math.exp(logDiag);
                sumQ[c] += logDiag;
                prior += 0.5 * gamma * gamma * q[c][i][i] * q[c][i][i];
            }
            int next = d;
            for (int j = 0; j < d; j++) {
                for (int i = j + 1; i < d; i++) {
                    double l = icf[c * width + next++];
                    q[c][i][j] = l;
                    prior += 0.5 * gamma * gamma * l * l;
                }
            }
            prior -= m * sumQ[c];
        }
        double total = 0;
        for (int p = 0; p < n; p++) {
            double[] inner = new double[k];
            for (int c = 0; c < k; c++) {
                double sq = 0;
                for (int i = 0; i < d; i++) {
                    double row = 0;
                    for (int j = 0; j < d; j++) {
                        row += q[c][i][j] * (x[p * d + j] - means[c * d + j]);
                    }
                    sq += row * row;
                }
                inner[c] = alphas[c] + sumQ[c] - 0.5 * sq;
            }
            total += logSumExp(inner);
        }
        return total - n * logSumExp(alphas) + prior + Gmm.constant(n, d, k, gamma, m);
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : v) {
            max = Math.max(max, e);
        }
        double s = 0;
        for (double e : v) {
            s += Math.exp(e - max);
        }
        return max + Math.log(s);
    }
}
