package dev.cotangent.weave.tensors;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.primitive.Primitives;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User-declared derivatives reach woven code in both modes, and bad declarations name the method. */
class CustomDerivativeTest {

    @Differentiable
    static Tensor model(Tensor signal, Tensor kernel) {
        Tensor y = UserOps.convolve(UserOps.softplus(signal), kernel);
        return Np.sum(Np.square(y));
    }

    @Test
    void declaredDerivativesFlowThroughWovenCode() {
        SplittableRandom r = new SplittableRandom(11);
        Tensor signal = Tensor.randn(1, 9);
        Tensor kernel = Tensor.randn(2, 3);
        DifferentiableFunction f = AD.function(CustomDerivativeTest.class, "model", Tensor.class, Tensor.class);
        Object[] args = {signal, kernel};
        Object[] u = {GradCheck.randomLike(signal, r), GradCheck.randomLike(kernel, r)};
        Object jvp = f.jvp(args, u);
        GradCheck.assertClose(jvp, GradCheck.numericJvp(f::value, args, u), 1e-8, "model jvp");
        Object[] gradient = f.gradient(args);
        GradCheck.assertDotProduct(u, jvp, 1.0, gradient, 1e-10, "model");
    }

    static Tensor unary(Tensor x) {
        return x;
    }

    public static Tensor pair(Tensor a, Tensor b) {
        return a;
    }

    @Test
    void declarationErrorsNameTheMethod() {
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "missing", Tensor.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CustomDerivativeTest.missing");
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "pair", Tensor.class, Tensor.class)
                .d(0, c -> new Tensor[] {c.tensor(1)}, "...,...->...").done())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CustomDerivativeTest.pair").hasMessageContaining("'@'");
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "pair", Tensor.class, Tensor.class)
                .linear(0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CustomDerivativeTest.pair").hasMessageContaining("no transpose");
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "pair", Tensor.class, Tensor.class)
                .identity(0).done())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CustomDerivativeTest.pair").hasMessageContaining("argument 1");
    }

    public static Tensor overloaded(Tensor a) {
        return Np.negative(a);
    }

    public static Tensor overloaded(Tensor a, Tensor b) {
        return Np.subtract(a, b);
    }

    public static double notATensor(Tensor a) {
        return a.item();
    }

    @Test
    void aMethodIsDefinedOnceAndOverloadsCannotShareItsName() {
        Primitives.define(CustomDerivativeTest.class, "overloaded", Tensor.class).scale(0, -1).done();
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "overloaded", Tensor.class)
                .scale(0, -1).done())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defined already");
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "overloaded", Tensor.class, Tensor.class)
                .identity(0).scale(1, -1).done())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overloads")
                .hasMessageContaining("another name");
        assertThatThrownBy(() -> Primitives.define(CustomDerivativeTest.class, "notATensor", Tensor.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns double");
    }

    public static Tensor badSpec(Tensor a, Tensor b) {
        return Np.add(a, Np.sum(b));
    }

    @Test
    void aRuleThatDoesNotFitTheShapesIsReportedWithTheMethod() {
        var p = Primitives.define(CustomDerivativeTest.class, "badSpec", Tensor.class, Tensor.class)
                .identity(0)
                .d(1, c -> new Tensor[] {c.tensor(0)}, "ij,@jk->ik")
                .done();
        var call = p.call(Tensor.ones(2, 3), Tensor.ones(4));
        assertThatThrownBy(() -> p.jvp(call, null, Tensor.ones(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("primitive dev.cotangent.weave.tensors.CustomDerivativeTest.badSpec, "
                        + "forward rule for argument 1");
    }
}
