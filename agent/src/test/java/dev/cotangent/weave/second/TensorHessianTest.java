package dev.cotangent.weave.second;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hessian-vector products and Hessians of tensor code: a closed form, user primitives against
 * finite differences of the gradient, and the API's checks (the corpus-wide comparison is
 * {@code TensorCorpusHessianTest}).
 */
class TensorHessianTest {

    @Differentiable
    static double userPrimitives(Tensor signal, Tensor kernel) {
        Tensor y = dev.cotangent.weave.tensors.UserOps.convolve(signal, kernel);
        return Np.sum(Np.square(y)).item() + Np.sum(dev.cotangent.weave.tensors.UserOps.softplus(signal)).item();
    }

    @Differentiable
    static double logisticRegression(Tensor w, Tensor x, Tensor y, double lambda) {
        Tensor margins = Np.multiply(y, Np.matmul(x, w));
        return Np.mean(Np.log1p(Np.exp(Np.negative(margins)))).item() + 0.5 * lambda * Np.sum(Np.square(w)).item();
    }

    /**
     * The Hessian of logistic regression's loss has a closed form: {@code Xᵀ·diag(σ(m)·σ(−m))·X/n
     * + λ·I} with margins {@code m = y ⊙ Xw}, for labels ±1.
     */
    @Test
    void theHessianOfLogisticRegressionHasItsClosedForm() {
        int n = 6;
        int d = 3;
        Tensor w = Tensor.randn(7, d);
        Tensor x = Tensor.randn(8, n, d);
        double[] labels = {1, -1, -1, 1, 1, -1};
        Tensor y = Tensor.of(labels);
        double lambda = 0.3;
        double[][] h = AD.function(TensorHessianTest.class, "logisticRegression", Tensor.class, Tensor.class,
                Tensor.class, double.class).withRespectTo(0).hessian(w, x, y, lambda);
        double[] xs = x.toArray();
        double[] ws = w.toArray();
        double[][] expected = new double[d][d];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += xs[i * d + k] * ws[k];
            }
            double s = 1 / (1 + Math.exp(-labels[i] * z));
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    expected[a][b] += s * (1 - s) * xs[i * d + a] * xs[i * d + b] / n;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            expected[a][a] += lambda;
            GradCheck.assertClose(h[a], expected[a], 1e-12, "Hessian row " + a);
        }
    }

    @Test
    void userDefinedPrimitivesHaveSecondDerivatives() {
        // softplus's value is a lambda; convolve is linear in each operand (its HVP is the cross term).
        check("userPrimitives", Tensor.randn(1, 7), Tensor.randn(2, 3));
    }

    @Differentiable
    static Tensor layer(Tensor w, Tensor x) {
        return Np.tanh(Np.matmul(x, w));
    }

    @Test
    void aTensorResultOfMoreThanOneElementNeedsItsCotangent() {
        DifferentiableFunction f = AD.function(TensorHessianTest.class, "layer", Tensor.class, Tensor.class);
        Object[] args = {Tensor.randn(1, 3, 2), Tensor.randn(2, 4, 3)};
        Object[] directions = {Tensor.ones(3, 2), null};
        assertThatThrownBy(() -> f.hvp(args, directions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer returns Tensor (4, 2), which has 8 elements")
                .hasMessageContaining("give the cotangent w");
        assertThatThrownBy(() -> f.hvp(args, directions, Tensor.ones(2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the cotangent must be shaped like the result, Tensor (4, 2), not Tensor (2, 4)");
        assertThatThrownBy(() -> f.hvp(args, new Object[] {Tensor.ones(2, 3), null}, Tensor.ones(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("direction 0 must be shaped like its argument, Tensor (3, 2), not Tensor (2, 3)");
        Object[] hv = f.hvp(args, directions, Tensor.ones(4, 2));
        assertThat(((Tensor) hv[0]).shape()).containsExactly(3, 2);
        assertThat(((Tensor) hv[1]).shape()).containsExactly(4, 3);
    }

    private static void check(String name, Object... args) {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Double ? double.class : args[i].getClass();
        }
        DifferentiableFunction f = AD.function(TensorHessianTest.class, name, types);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Object[] directions = GradCheck.randomLike(args, random);
        Object[] hv = f.hvp(args, directions);
        Object numeric = GradCheck.numericJvp(a -> f.gradient(a), args, directions, 1e-3);
        GradCheck.assertClose(hv, numeric, 1e-5, name + " Hessian-vector product");
    }
}
