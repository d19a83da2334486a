package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

import java.util.SplittableRandom;

/**
 * A two-layer network on {@code double[][]} loops: {@code h = tanh(x·W1ᵀ)}, logits
 * {@code h·W2ᵀ}, mean softmax cross-entropy over the batch. Weights are stored one row per
 * output unit ({@code W1} is hidden×inputs, {@code W2} classes×hidden), so every inner loop
 * runs along a row.
 */
public final class TanhNetwork {

    public static final int INPUTS = 784;
    public static final int HIDDEN = 128;
    public static final int CLASSES = 10;
    public static final int BATCH = 64;

    private TanhNetwork() {}

    /** A {@code rows × cols} matrix of uniform values in {@code [−scale, scale)}. */
    public static double[][] matrix(long seed, int rows, int cols, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-scale, scale);
            }
        }
        return m;
    }

    /** {@code n} labels in {@code [0, CLASSES)}. */
    public static int[] labels(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }

    /** The mean loss; woven. The inputs are data, so no derivative flows into them. */
    @Differentiable
    public static double loss(double[][] w1, double[][] w2, double[][] inputs, int[] labels) {
        double[][] x = AD.stopGradient(inputs);
        int hidden = w1.length;
        int classes = w2.length;
        double total = 0;
        for (int b = 0; b < x.length; b++) {
            double[] xb = x[b];
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double[] w = w1[j];
                double a = 0;
                for (int i = 0; i < xb.length; i++) {
                    a += w[i] * xb[i];
                }
                h[j] = Math.tanh(a);
            }
            double[] o = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double[] w = w2[k];
                double a = 0;
                for (int j = 0; j < hidden; j++) {
                    a += w[j] * h[j];
                }
                o[k] = a;
                if (a > max) {
                    max = a;
                }
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(o[k] - max);
            }
            total += max + Math.log(sum) - o[labels[b]];
        }
        return total / x.length;
    }

    /**
     * The loss, with its gradient written into {@code g1} and {@code g2} (overwritten):
     * backpropagation by hand, one example at a time.
     */
    public static double lossAndGradient(double[][] w1, double[][] w2, double[][] x, int[] labels,
                                         double[][] g1, double[][] g2) {
        int hidden = w1.length;
        int classes = w2.length;
        for (double[] row : g1) {
            java.util.Arrays.fill(row, 0.0);
        }
        for (double[] row : g2) {
            java.util.Arrays.fill(row, 0.0);
        }
        double total = 0;
        double[] h = new double[hidden];
        double[] hBar = new double[hidden];
        double[] p = new double[classes];
        double scale = 1.0 / x.length;
        for (int b = 0; b < x.length; b++) {
            double[] xb = x[b];
            for (int j = 0; j < hidden; j++) {
                double[] w = w1[j];
                double a = 0;
                for (int i = 0; i < xb.length; i++) {
                    a += w[i] * xb[i];
                }
                h[j] = Math.tanh(a);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double[] w = w2[k];
                double a = 0;
                for (int j = 0; j < hidden; j++) {
                    a += w[j] * h[j];
                }
                p[k] = a;
                max = Math.max(max, a);
            }
            double label = p[labels[b]];
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                sum += p[k];
            }
            total += max + Math.log(sum) - label;
            // d loss / d logits = softmax − one-hot, scaled by 1/batch.
            java.util.Arrays.fill(hBar, 0.0);
            for (int k = 0; k < classes; k++) {
                double oBar = (p[k] / sum - (k == labels[b] ? 1 : 0)) * scale;
                double[] w = w2[k];
                double[] gw = g2[k];
                for (int j = 0; j < hidden; j++) {
                    gw[j] += oBar * h[j];
                    hBar[j] += oBar * w[j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                double aBar = hBar[j] * (1 - h[j] * h[j]);
                double[] gw = g1[j];
                for (int i = 0; i < xb.length; i++) {
                    gw[i] += aBar * xb[i];
                }
            }
        }
        return total * scale;
    }

    /**
     * The tangent of the loss along {@code (d1, d2)} by Hipparchus forward mode (one free
     * parameter); a full gradient would need 101,632.
     */
    public static double hipparchusTangent(double[][] w1, double[][] d1, double[][] w2, double[][] d2,
                                           double[][] x, int[] labels) {
        int hidden = w1.length;
        int classes = w2.length;
        Gradient total = Gradient.constant(1, 0);
        for (int b = 0; b < x.length; b++) {
            double[] xb = x[b];
            Gradient[] h = new Gradient[hidden];
            for (int j = 0; j < hidden; j++) {
                Gradient a = Gradient.constant(1, 0);
                for (int i = 0; i < xb.length; i++) {
                    a = a.add(new Gradient(w1[j][i], d1[j][i]).multiply(xb[i]));
                }
                h[j] = a.tanh();
            }
            Gradient[] o = new Gradient[classes];
            Gradient max = null;
            for (int k = 0; k < classes; k++) {
                Gradient a = Gradient.constant(1, 0);
                for (int j = 0; j < hidden; j++) {
                    a = a.add(h[j].multiply(new Gradient(w2[k][j], d2[k][j])));
                }
                o[k] = a;
                if (max == null || a.getValue() > max.getValue()) {
                    max = a;
                }
            }
            Gradient sum = Gradient.constant(1, 0);
            for (int k = 0; k < classes; k++) {
                sum = sum.add(o[k].subtract(max).exp());
            }
            total = total.add(max.add(sum.log()).subtract(o[labels[b]]));
        }
        return total.divide(x.length).getPartialDerivative(0);
    }
}
