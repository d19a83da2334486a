package dev.cotangent.bench;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import static dev.cotangent.bench.TanhNetwork.CLASSES;
import static dev.cotangent.bench.TanhNetwork.HIDDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The woven gradient of the {@code Np} network equals backpropagation by hand
 * ({@link TanhNetwork#lossAndGradient}, the same network on loops with weights stored
 * transposed) for the weights, and central differences for the biases; on a smaller input.
 */
class TensorMlpTest {

    @Test
    void wovenGradientMatchesBackpropagationByHand() {
        int inputs = 50;
        int batch = 8;
        double[][] w1 = TanhNetwork.matrix(1, HIDDEN, inputs, 0.3);
        double[][] w2 = TanhNetwork.matrix(2, CLASSES, HIDDEN, 0.3);
        double[][] x = TanhNetwork.matrix(3, batch, inputs, 1);
        int[] labels = TanhNetwork.labels(4, batch);
        double[][] g1 = new double[HIDDEN][inputs];
        double[][] g2 = new double[CLASSES][HIDDEN];
        double handLoss = TanhNetwork.lossAndGradient(w1, w2, x, labels, g1, g2);

        Tensor b1 = Tensor.zeros(1, HIDDEN);
        Tensor b2 = Tensor.zeros(1, CLASSES);
        Object[] args = {Np.transpose(Tensor.of(w1)), b1, Np.transpose(Tensor.of(w2)), b2, Tensor.of(x),
                TensorMlp.oneHot(labels, CLASSES)};
        Object[] gradient = TensorMlp.GRADIENT.gradient(args);
        assertThat((Double) TensorMlp.GRADIENT.value(args)).isCloseTo(handLoss, within(1e-12));
        assertClose((Tensor) gradient[0], Np.transpose(Tensor.of(g1)), "W1");
        assertClose((Tensor) gradient[2], Np.transpose(Tensor.of(g2)), "W2");
        assertThat(gradient[4]).as("inputs are data").isNull();
        assertThat(gradient[5]).as("targets are data").isNull();

        for (int bias : new int[] {1, 3}) {
            Tensor g = (Tensor) gradient[bias];
            Tensor b = (Tensor) args[bias];
            for (int j : new int[] {0, 3, b.size() - 1}) {
                double h = 1e-5;
                double up = loss(args, bias, shifted(b, j, h));
                double down = loss(args, bias, shifted(b, j, -h));
                assertThat(g.get(0, j)).as("bias %d element %d", bias, j).isCloseTo((up - down) / (2 * h), within(1e-8));
            }
        }
    }

    /**
     * The Hessian-vector product with respect to the weights and biases (what {@code hvp} in
     * {@link TensorMlpBench} measures) against central differences of the woven gradient.
     */
    @Test
    void hessianVectorProductMatchesFiniteDifferencesOfTheGradient() {
        Object[] args = {TensorMlp.matrix(1, 20, HIDDEN, 0.2), TensorMlp.matrix(2, 1, HIDDEN, 0.1),
                TensorMlp.matrix(3, HIDDEN, CLASSES, 0.1), TensorMlp.matrix(4, 1, CLASSES, 0.1),
                TensorMlp.matrix(5, 6, 20, 1), TensorMlp.oneHot(TanhNetwork.labels(6, 6), CLASSES)};
        Object[] directions = TensorMlpBench.directions(args);
        Object[] hv = TensorMlp.GRADIENT.hvp(args, directions);
        assertThat(hv[4]).as("inputs are data").isNull();
        Object[] numeric = (Object[]) GradCheck.numericJvp(a -> TensorMlp.GRADIENT.gradient(a), args, directions, 1e-3);
        for (int i = 0; i < 4; i++) {
            GradCheck.assertClose(hv[i], numeric[i], 1e-6, "Hessian-vector product, parameter " + i);
        }
    }

    private static double loss(Object[] args, int at, Tensor value) {
        Object[] a = args.clone();
        a[at] = value;
        return (Double) TensorMlp.GRADIENT.value(a);
    }

    private static Tensor shifted(Tensor t, int j, double h) {
        double[] d = t.toArray();
        d[j] += h;
        return Tensor.of(d, t.shape());
    }

    private static void assertClose(Tensor actual, Tensor expected, String what) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("%s element %d", what, i).isCloseTo(e[i], within(1e-12));
        }
    }
}
