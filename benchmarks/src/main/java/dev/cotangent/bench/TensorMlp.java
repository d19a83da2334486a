package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * The network of {@link TanhNetwork} written with {@code Np} instead of loops, and with biases:
 * {@code h = tanh(x·W1 + b1)}, logits {@code h·W2 + b2}, mean softmax cross-entropy over the
 * batch against one-hot targets. {@code W1} is inputs×hidden, {@code W2} hidden×classes.
 */
public final class TensorMlp {

    /** The gradient with respect to the weights and biases only; the inputs and targets are data. */
    public static final DifferentiableFunction GRADIENT = AD.function(TensorMlp.class, "loss", Tensor.class,
            Tensor.class, Tensor.class, Tensor.class, Tensor.class, Tensor.class).withRespectTo(0, 1, 2, 3);

    private TensorMlp() {}

    /** The mean loss; woven. */
    @Differentiable
    public static double loss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x, Tensor targets) {
        Tensor hidden = Np.tanh(Np.add(Np.matmul(x, w1), b1));
        Tensor logits = Np.add(Np.matmul(hidden, w2), b2);
        Tensor perExample = Np.sum(Np.multiply(targets, Np.log_softmax(logits, 1)), 1);
        return -Np.mean(perExample).item();
    }

    /** One-hot rows for the labels. */
    public static Tensor oneHot(int[] labels, int classes) {
        double[] data = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            data[i * classes + labels[i]] = 1.0;
        }
        return Tensor.of(data, labels.length, classes);
    }

    /** {@link TanhNetwork#matrix} as a tensor. */
    public static Tensor matrix(long seed, int rows, int cols, double scale) {
        return Tensor.of(TanhNetwork.matrix(seed, rows, cols, scale));
    }
}
