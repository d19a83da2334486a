package dev.cotangent.bench;

import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The woven VJPs the contraction benchmarks measure are right: a product is bilinear, so for
 * random directions u and w, {@code ⟨f(u, b), v⟩ = ⟨u, ā⟩} and {@code ⟨f(a, w), v⟩ = ⟨w, b̄⟩}
 * exactly (up to rounding), with only the forward product as reference.
 */
class ContractionsTest {

    @Test
    void squareProducts() {
        Tensor a = Tensor.randn(1, 7, 7);
        Tensor b = Tensor.randn(2, 7, 7);
        check(Contractions.DOT, a, b, new Object[] {a, b});
        check(Contractions.MATMUL, a, b, new Object[] {a, b});
        check(Contractions.TENSORDOT, a, b, new Object[] {a, b, 1});
    }

    @Test
    void autogradShapes() {
        Tensor a = Tensor.randn(3, 2, 3, 4, 5);
        Tensor b = Tensor.randn(4, 2, 3, 5, 4);
        check(Contractions.DOT, a, b, new Object[] {a, b});
        Tensor c = Tensor.randn(5, 2, 3, 5, 4);
        Tensor d = Tensor.randn(6, 5, 4, 2, 3);
        check(Contractions.TENSORDOT, c, d, new Object[] {c, d, 2});
    }

    private static void check(DifferentiableFunction f, Tensor a, Tensor b, Object[] args) {
        Tensor y = (Tensor) f.value(args);
        Tensor v = Tensor.randn(7, y.shape());
        Object[] vjp = f.vjp(args, v);
        Tensor u = Tensor.randn(8, a.shape());
        Tensor w = Tensor.randn(9, b.shape());
        Object[] alongA = args.clone();
        alongA[0] = u;
        Object[] alongB = args.clone();
        alongB[1] = w;
        assertInner((Tensor) f.value(alongA), v, u, (Tensor) vjp[0], f + " w.r.t. a");
        assertInner((Tensor) f.value(alongB), v, w, (Tensor) vjp[1], f + " w.r.t. b");
    }

    private static void assertInner(Tensor jvp, Tensor v, Tensor u, Tensor adjoint, String what) {
        double left = Np.sum(Np.multiply(jvp, v)).item();
        double right = Np.sum(Np.multiply(u, adjoint)).item();
        assertThat(right).as(what).isCloseTo(left, within(1e-10 * (Math.abs(left) + 1)));
    }
}
