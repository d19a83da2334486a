package dev.cotangent.bench;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two gradients {@code MlpBench} compares compute the same thing: the woven gradient of
 * {@link Mlp} against central differences of its loss, and {@link MlpByHand}'s loss and
 * gradient against the woven ones; on a smaller network.
 */
class MlpTest {

    @Test
    void wovenAndHandWrittenGradientsAgreeWithFiniteDifferences() {
        int batch = 6;
        int inputs = 20;
        int hidden = 8;
        int classes = 4;
        Tensor w1 = Np.multiply(Tensor.scalar(0.3), Tensor.randn(1, inputs, hidden));
        Tensor w2 = Np.multiply(Tensor.scalar(0.3), Tensor.randn(2, hidden, classes));
        Tensor x = Tensor.randn(3, batch, inputs);
        Tensor targets = TensorMlp.oneHot(new int[] {0, 3, 1, 1, 2, 3}, classes);
        Object[] args = {w1, w2, x, targets};
        Object[] gradient = Mlp.GRADIENT.gradient(args);

        SplittableRandom r = new SplittableRandom(4);
        Object[] u = {GradCheck.randomLike(w1, r), GradCheck.randomLike(w2, r), null, null};
        double numeric = (Double) GradCheck.numericJvp(
                a -> Mlp.loss((Tensor) a[0], (Tensor) a[1], (Tensor) a[2], (Tensor) a[3]), args, u);
        double analytic = GradCheck.inner(gradient[0], u[0]) + GradCheck.inner(gradient[1], u[1]);
        assertThat(analytic).isCloseTo(numeric, within(1e-8 * (1 + Math.abs(numeric))));

        MlpByHand hand = new MlpByHand(w1.toArray(), w2.toArray(), x.toArray(), targets.toArray(),
                batch, inputs, hidden, classes);
        assertThat(hand.gradient()).isCloseTo(Mlp.loss(w1, w2, x, targets), within(1e-12));
        GradCheck.assertClose(Tensor.of(contents(hand.gradW1), inputs, hidden), gradient[0], 1e-10, "W1");
        GradCheck.assertClose(Tensor.of(contents(hand.gradW2), hidden, classes), gradient[1], 1e-10, "W2");
    }

    private static double[] contents(java.nio.DoubleBuffer b) {
        double[] out = new double[b.capacity()];
        b.get(0, out);
        return out;
    }
}
