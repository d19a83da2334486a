package dev.cotangent.weave.tensors;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.Pullback;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorSmokeTest {

    @Differentiable
    static Tensor layer(Tensor w, Tensor x) {
        return Np.tanh(Np.matmul(x, w));
    }

    @Differentiable
    static Tensor loss(Tensor w, Tensor x) {
        Tensor h = layer(w, x);
        return Np.mean(Np.square(h), null, false);
    }

    @Differentiable
    static Tensor bridges(Tensor w, Tensor x) {
        double s = Np.sum(w).item() + x.get(1, 2) * 3;
        double[] a = x.toArray();
        a[0] = a[0] * s;
        Tensor back = Tensor.of(a, x.shape());
        return Np.add(Np.multiply(back, Tensor.scalar(Math.sin(s))), Np.sum(w).item() == 0 ? x : back);
    }

    @Differentiable
    static Tensor recurrent(Tensor w, Tensor x) {
        Tensor[] states = new Tensor[4];
        states[0] = Np.zeros_like(Np.index(x, "0"));
        for (int t = 1; t < states.length; t++) {
            Tensor input = Np.index(x, String.valueOf(t - 1));
            states[t] = Np.tanh(Np.add(Np.dot(states[t - 1], Np.slice(w, 0, 0, 3, 1)), input));
        }
        return Np.concatenate(new Tensor[] {states[3], states[2]}, 0);
    }

    /** Several results: the cotangent is a {@code Tensor[]} too, one tensor per result. */
    @Differentiable
    static Tensor[] severalResults(Tensor w, Tensor x) {
        Tensor h = layer(w, x);
        return new Tensor[] {h, Np.sum(Np.multiply(h, x), 0, false), w};
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer", "loss", "bridges", "recurrent", "severalResults"})
    void bothModesMatchFiniteDifferencesAndEachOther(String name) {
        DifferentiableFunction f = function(name);
        SplittableRandom r = new SplittableRandom(5);
        Object[] args = point();
        Object[] u = GradCheck.randomLike(args, r);
        Object jvp = f.jvp(args, u);
        Object numeric = GradCheck.numericJvp(f::value, args, u);
        GradCheck.assertClose(jvp, numeric, 1e-7, name + " jvp");
        Object v = GradCheck.randomLike(f.value(args), r);
        Object[] vjp = f.vjp(args, v);
        GradCheck.assertDotProduct(u, jvp, v, vjp, 1e-10, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer", "loss", "bridges", "recurrent", "severalResults"})
    void aPullbackReplaysTheReverseSweepForEachCotangent(String name) {
        DifferentiableFunction f = function(name);
        Object[] args = point();
        Pullback p = f.pullback(args);
        GradCheck.assertClose(p.result(), f.value(args), 0, name + " result");
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < 3; k++) {
            Object v = GradCheck.randomLike(f.value(args), r);
            Object[] pulled = p.pull(v);
            Object[] vjp = f.vjp(args, v);
            for (int i = 0; i < args.length; i++) {
                GradCheck.assertClose(pulled[i], vjp[i], 1e-13, name + " pull " + k + ", argument " + i);
            }
        }
    }

    /** One of this class's methods of (w, x). */
    private static DifferentiableFunction function(String name) {
        return AD.function(TensorSmokeTest.class, name, Tensor.class, Tensor.class);
    }

    /** w (3, 3) and x (4, 3), the point every method is checked at. */
    private static Object[] point() {
        return new Object[] {Tensor.randn(1, 3, 3), Np.multiply(Tensor.randn(2, 4, 3), Tensor.scalar(0.5))};
    }

    @Test
    void aCotangentThatDoesNotFitTheResultIsRejectedWithBothShapes() {
        DifferentiableFunction f = AD.function(TensorSmokeTest.class, "layer", Tensor.class, Tensor.class);
        Object[] args = {Tensor.randn(1, 3, 3), Tensor.randn(2, 4, 3)};
        String expected = "layer: the cotangent must be shaped like the result, Tensor (4, 3), not ";
        assertThatThrownBy(() -> f.vjp(args, Tensor.ones(3, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected + "Tensor (3, 4)");
        assertThatThrownBy(() -> f.vjp(args, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected + "Double");
        assertThatThrownBy(() -> f.pullback(args).pull(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected + "null");
        DifferentiableFunction g = AD.function(TensorSmokeTest.class, "severalResults", Tensor.class, Tensor.class);
        assertThatThrownBy(() -> g.vjp(args, new Tensor[] {Tensor.ones(4, 3)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tensor[3], not Tensor[1]");
    }
}
