package dev.cotangent.weave.second;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Second derivatives: Hessian-vector products against finite differences of gradients. */
class HessianTest {

    @Differentiable
    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    @Differentiable
    static double withHelpers(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += softplus(x[i] * x[(i + 1) % x.length]) + Math.exp(-x[i] * x[i]) * Math.sin(x[i]);
        }
        return s * scale(x[0]);
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    private static double scale(double z) {
        return 1 + 0.1 * z * z;
    }

    @Differentiable
    static double recursive(double[] x) {
        return depth(x[0], 3);
    }

    static double depth(double z, int n) {
        return n == 0 ? z : Math.sin(depth(z, n - 1));
    }

    @Differentiable
    static double tensorLoss(Tensor w) {
        return Np.sum(Np.square(Np.tanh(w))).item();
    }

    private static double[] point(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void hessianVectorProductsMatchFiniteDifferencesOfGradients() {
        for (String name : new String[] {"rosenbrock", "withHelpers"}) {
            AD.MultivariateFunction f = name.equals("rosenbrock") ? HessianTest::rosenbrock : HessianTest::withHelpers;
            double[] x = point(name.hashCode(), 6);
            double[] v = point(17, 6);
            double[] hv = AD.hvp(f, x, v);
            Object numeric = GradCheck.numericJvp(a -> AD.gradient(f, (double[]) a[0]), new Object[] {x},
                    new Object[] {v}, 1e-3);
            GradCheck.assertClose(hv, numeric, 1e-5, name + " Hessian-vector product");
        }
    }

    /** Found by the fuzzer: a method that writes into its array argument (the tangent code writes into ẋ). */
    @Differentiable
    static double writesItsArgument(double[] x) {
        x[0] = x[0] * x[1];
        x[1] = Math.sin(x[0]) + x[2];
        return x[0] * x[1] + x[2] * x[2] * x[0];
    }

    /** Found by the fuzzer: a void helper inlined into second-order code returned nothing to move. */
    @Differentiable
    static double callsAVoidHelper(double[] x) {
        log(x[0]);
        return x[0] * x[0] * x[1] + Math.exp(x[1]);
    }

    private static void log(double z) {
        double ignored = Math.sqrt(1 + z * z);
    }

    @Test
    void fuzzerFindsStayFixed() {
        for (String name : new String[] {"writesItsArgument", "callsAVoidHelper"}) {
            AD.MultivariateFunction f = name.equals("writesItsArgument") ? HessianTest::writesItsArgument
                    : HessianTest::callsAVoidHelper;
            double[] x = point(name.hashCode(), 3);
            double[] v = point(5, 3);
            double[] hv = AD.hvp(f, x.clone(), v);
            Object numeric = GradCheck.numericJvp(a -> AD.gradient(f, ((double[]) a[0]).clone()), new Object[] {x},
                    new Object[] {v}, 1e-3);
            GradCheck.assertClose(hv, numeric, 1e-6, name + " Hessian-vector product");
        }
    }

    @Test
    void theHessianOfRosenbrockHasItsClosedForm() {
        double[] x = {0.3, -0.8, 1.1};
        double[][] h = AD.hessian(HessianTest::rosenbrock, x);
        double[][] expected = {
                {1200 * x[0] * x[0] - 400 * x[1] + 2, -400 * x[0], 0},
                {-400 * x[0], 202 + 1200 * x[1] * x[1] - 400 * x[2], -400 * x[1]},
                {0, -400 * x[1], 200}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(h[i][j]).as("H[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-9));
            }
        }
    }

    @Test
    void recursionIsRejectedForSecondOrder() {
        assertThatThrownBy(() -> AD.hvp(HessianTest::recursive, new double[] {0.5}, new double[] {1}))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("recursive call to HessianTest.depth(double, int)");
    }

    @Test
    void tensorCodeHasSecondDerivativesToo() {
        Tensor w = Tensor.of(new double[] {0.3, -0.7, 1.2});
        Tensor v = Tensor.of(new double[] {1.0, 0.5, -2.0});
        Object hv = AD.function(HessianTest.class, "tensorLoss", Tensor.class).hvp(new Object[] {w}, new Object[] {v})[0];
        // f = Σ tanh²(wᵢ): the Hessian is diagonal, f'' = 2(1 − t²)(1 − 3t²) with t = tanh(w).
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(w.toArray()[i]);
            expected[i] = 2 * (1 - t * t) * (1 - 3 * t * t) * v.toArray()[i];
        }
        GradCheck.assertClose(hv, Tensor.of(expected), 1e-12, "closed-form Hessian of Σ tanh²");
    }
}
