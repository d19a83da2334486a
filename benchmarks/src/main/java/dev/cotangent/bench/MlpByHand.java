package dev.cotangent.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

/**
 * {@link Mlp}'s loss and gradient written by hand, as a careful programmer would on OpenBLAS:
 * every matrix in preallocated off-heap memory, four {@code cblas_dgemm} calls, the
 * elementwise parts (tanh, log-softmax, their derivatives) as loops over the same memory.
 * Not thread-safe: one instance per thread.
 */
final class MlpByHand {

    private final int batch;
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final DoubleBuffer w1;
    private final DoubleBuffer w2;
    private final DoubleBuffer x;
    private final DoubleBuffer targets;
    private final DoubleBuffer h;
    private final DoubleBuffer logits;
    private final DoubleBuffer dh;
    /** ∂loss/∂W1 and ∂loss/∂W2 after {@link #gradient()}. */
    final DoubleBuffer gradW1;
    final DoubleBuffer gradW2;

    MlpByHand(double[] w1, double[] w2, double[] x, double[] targets, int batch, int inputs, int hidden, int classes) {
        this.batch = batch;
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.w1 = direct(w1);
        this.w2 = direct(w2);
        this.x = direct(x);
        this.targets = direct(targets);
        this.h = direct(new double[batch * hidden]);
        this.logits = direct(new double[batch * classes]);
        this.dh = direct(new double[batch * hidden]);
        this.gradW1 = direct(new double[inputs * hidden]);
        this.gradW2 = direct(new double[hidden * classes]);
    }

    private static DoubleBuffer direct(double[] values) {
        DoubleBuffer b = ByteBuffer.allocateDirect(values.length * Double.BYTES).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
        b.put(0, values);
        return b;
    }

    /** The loss, with the gradient left in {@link #gradW1} and {@link #gradW2}. */
    double gradient() {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, hidden, inputs, 1.0, x, inputs, w1, hidden,
                0.0, h, hidden);
        for (int i = 0; i < batch * hidden; i++) {
            h.put(i, Math.tanh(h.get(i)));
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, classes, hidden, 1.0, h, hidden, w2, classes,
                0.0, logits, classes);
        // Row by row: log-softmax, the loss, and the logits' adjoint (softmax·Σt − t)/batch in place.
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits.get(row + j));
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits.get(row + j) - max);
            }
            double logSum = max + Math.log(sum);
            double targetSum = 0;
            for (int j = 0; j < classes; j++) {
                double t = targets.get(row + j);
                loss -= t * (logits.get(row + j) - logSum);
                targetSum += t;
            }
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits.get(row + j) - logSum);
                logits.put(row + j, (p * targetSum - targets.get(row + j)) / batch);
            }
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, hidden, classes, batch, 1.0, h, hidden, logits, classes,
                0.0, gradW2, classes);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, hidden, classes, 1.0, logits, classes, w2, classes,
                0.0, dh, hidden);
        for (int i = 0; i < batch * hidden; i++) {
            double t = h.get(i);
            dh.put(i, dh.get(i) * (1 - t * t));
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, inputs, hidden, batch, 1.0, x, inputs, dh, hidden,
                0.0, gradW1, hidden);
        return loss / batch;
    }
}
