package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * The MLP, 64×784 → tanh 128 → 10, written with {@code Np} and without biases:
 * {@code h = tanh(x·W1)}, logits {@code h·W2}, mean softmax cross-entropy over the batch
 * against one-hot targets. The same function is written by hand on OpenBLAS in
 * {@link MlpByHand} and with PyTorch in {@code MlpTorchBench}.
 */
public final class Mlp {

    /** The gradient with respect to both weight matrices; inputs and targets are data. */
    public static final DifferentiableFunction GRADIENT = AD.function(Mlp.class, "loss", Tensor.class, Tensor.class,
            Tensor.class, Tensor.class).withRespectTo(0, 1);

    private Mlp() {}

    /** The mean loss; woven. */
    @Differentiable
    public static double loss(Tensor w1, Tensor w2, Tensor x, Tensor targets) {
        Tensor hidden = Np.tanh(Np.matmul(x, w1));
        Tensor logp = Np.log_softmax(Np.matmul(hidden, w2), 1);
        return -Np.mean(Np.sum(Np.multiply(targets, logp), 1)).item();
    }
}
