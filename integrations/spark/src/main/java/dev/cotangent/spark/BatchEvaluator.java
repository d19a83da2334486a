package dev.cotangent.spark;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.Pullback;
import dev.cotangent.tensor.Tensor;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The value and weight gradient of a {@link BatchLoss} or {@link TensorBatchLoss} on one batch,
 * by the public reflective API ({@link DifferentiableFunction#pullback}): one forward and one
 * reverse sweep of the woven derivatives per batch. The derivative with respect to the features and
 * labels is computed too (the full derivative is the one woven ahead of time) and dropped.
 *
 * <p>Serializable: the loss reference travels, the function is found again in each JVM.
 */
final class BatchEvaluator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ARRAYS = "double loss(double[] weights, double[][] features, double[] labels)";
    private static final String TENSORS = "Tensor loss(Tensor weights, Tensor features, Tensor labels)";
    private static final String T = "Ldev/cotangent/tensor/Tensor;";

    private final Serializable loss;
    private final boolean tensors;
    private transient LossMethod method;
    private transient DifferentiableFunction function;

    BatchEvaluator(BatchLoss loss) {
        this(loss, false);
    }

    BatchEvaluator(TensorBatchLoss loss) {
        this(loss, true);
    }

    private BatchEvaluator(Serializable loss, boolean tensors) {
        this.loss = loss;
        this.tensors = tensors;
        resolve();
    }

    private void resolve() {
        method = tensors ? LossMethod.of(loss, "(" + T + T + T + ")" + T, TENSORS)
                : LossMethod.of(loss, "([D[[D[D)D", ARRAYS);
        function = AD.function(method.method().getDeclaringClass(), method.method().getName(),
                method.method().getParameterTypes());
    }

    /** The loss summed over {@code batch} and its gradient with respect to {@code weights}. */
    PartialLoss evaluate(double[] weights, Batch batch) {
        int d = batch.features().length == 0 ? 0 : batch.features()[0].length;
        Object[] args = tensors
                ? new Object[] {Tensor.of(weights, weights.length), Tensor.of(flatten(batch.features(), d),
                        batch.features().length, d), Tensor.of(batch.labels(), batch.labels().length)}
                : new Object[] {weights, batch.features(), batch.labels()};
        if (method.receiver() != null) {
            Object[] bound = new Object[args.length + 1];
            bound[0] = method.receiver();
            System.arraycopy(args, 0, bound, 1, args.length);
            args = bound;
        }
        Pullback pullback = function.pullback(args);
        Object value = pullback.result();
        Object[] derivatives;
        double loss;
        if (value instanceof Tensor t) {
            if (t.size() != 1) {
                throw new IllegalArgumentException(method.name() + " returned a tensor of shape "
                        + Arrays.toString(t.shape()) + "; a batch loss returns one element, the sum over the batch");
            }
            loss = t.toArray()[0];
            derivatives = pullback.pull(Tensor.of(new double[] {1.0}, t.shape()));
        } else {
            loss = (Double) value;
            derivatives = pullback.pull(1.0);
        }
        Object w = derivatives[method.receiver() != null ? 1 : 0];
        double[] gradient = w instanceof Tensor t ? t.toArray() : (double[]) w;
        return new PartialLoss(loss, gradient == null ? new double[weights.length] : gradient);
    }

    private static double[] flatten(double[][] rows, int d) {
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    String name() {
        return method.name();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        resolve();
    }
}
