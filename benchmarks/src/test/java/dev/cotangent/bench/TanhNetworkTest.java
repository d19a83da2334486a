package dev.cotangent.bench;

import org.junit.jupiter.api.Test;

import static dev.cotangent.bench.TanhNetwork.CLASSES;
import static dev.cotangent.bench.TanhNetwork.HIDDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's baselines compute what the woven gradient computes, on a smaller input. */
class TanhNetworkTest {

    @Test
    void wovenGradientMatchesBackpropagationByHand() throws Throwable {
        int inputs = 50;
        int batch = 8;
        double[][] w1 = TanhNetwork.matrix(1, HIDDEN, inputs, 0.3);
        double[][] w2 = TanhNetwork.matrix(2, CLASSES, HIDDEN, 0.3);
        double[][] x = TanhNetwork.matrix(3, batch, inputs, 1);
        int[] labels = TanhNetwork.labels(4, batch);
        double[][] g1 = new double[HIDDEN][inputs];
        double[][] g2 = new double[CLASSES][HIDDEN];
        double loss = TanhNetworkBench.gradient(w1, w2, x, new double[batch][inputs], labels, g1, g2);
        double[][] h1 = new double[HIDDEN][inputs];
        double[][] h2 = new double[CLASSES][HIDDEN];
        double handLoss = TanhNetwork.lossAndGradient(w1, w2, x, labels, h1, h2);
        assertThat(loss).isEqualTo(TanhNetwork.loss(w1, w2, x, labels));
        assertThat(handLoss).isCloseTo(loss, within(1e-12));
        for (int j = 0; j < HIDDEN; j++) {
            for (int i = 0; i < inputs; i++) {
                assertThat(g1[j][i]).as("W1[%d][%d]", j, i).isCloseTo(h1[j][i], within(1e-12));
            }
        }
        for (int k = 0; k < CLASSES; k++) {
            for (int j = 0; j < HIDDEN; j++) {
                assertThat(g2[k][j]).as("W2[%d][%d]", k, j).isCloseTo(h2[k][j], within(1e-12));
            }
        }
        double[][] d1 = TanhNetwork.matrix(5, HIDDEN, inputs, 1);
        double[][] d2 = TanhNetwork.matrix(6, CLASSES, HIDDEN, 1);
        double directional = 0;
        for (int j = 0; j < HIDDEN; j++) {
            for (int i = 0; i < inputs; i++) {
                directional += g1[j][i] * d1[j][i];
            }
        }
        for (int k = 0; k < CLASSES; k++) {
            for (int j = 0; j < HIDDEN; j++) {
                directional += g2[k][j] * d2[k][j];
            }
        }
        assertThat(TanhNetwork.hipparchusTangent(w1, d1, w2, d2, x, labels)).isCloseTo(directional, within(1e-10));
    }
}
