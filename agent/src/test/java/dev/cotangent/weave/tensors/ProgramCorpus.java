package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Whole programs for {@link TensorCorpusTest}, written as users write them: a two-layer
 * network's loss, logistic regression, softmax cross-entropy, a recurrent network unrolled
 * over a {@code Tensor[]} of states, an LSTM whose gates come from {@code split}, least
 * squares through {@code Linalg.solve}, log determinants, QR iteration, attention, layer
 * normalisation, and code that mixes {@code double}s with tensors ({@code item()},
 * {@code Tensor.scalar}, branches on tensor values, tensors in loops).
 */
final class ProgramCorpus {

    /** Data of the instance methods: read by the derivative code, never differentiated. */
    private final Tensor features;
    private final Tensor targets;

    ProgramCorpus(Tensor features, Tensor targets) {
        this.features = features;
        this.targets = targets;
    }

    /** An instance method on data held in fields: the mean squared error of a linear model. */
    @Differentiable
    Tensor regressionLoss(Tensor w) {
        Tensor residual = subtract(matmul(features, w), targets);
        return mean(square(residual), null, false);
    }

    /** One-hot rows for integer labels: data, computed without derivatives. */
    static Tensor oneHot(int[] labels, int classes) {
        double[] data = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            data[i * classes + labels[i]] = 1.0;
        }
        return Tensor.of(data, labels.length, classes);
    }

    /** Mean of {@code −Σ target·log softmax(logits)} over the rows. */
    @Differentiable
    static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
        Tensor perRow = sum(multiply(targets, log_softmax(logits, 1)), new int[] {1}, false);
        return negative(mean(perRow, null, false));
    }

    /**
     * A two-layer perceptron's loss: {@code tanh(x·W1 + b1)·W2 + b2}, softmax cross-entropy
     * against integer labels. x: (batch, in), w1: (in, hidden), w2: (hidden, classes).
     */
    @Differentiable
    static Tensor mlpLoss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x, int[] labels) {
        Tensor hidden = tanh(dense(x, w1, b1));
        Tensor logits = dense(hidden, w2, b2);
        return softmaxCrossEntropy(logits, oneHot(labels, w2.shape()[1]));
    }

    /** {@code x·w + b}: a helper without annotation, differentiated through. */
    static Tensor dense(Tensor x, Tensor w, Tensor b) {
        return add(matmul(x, w), b);
    }

    /**
     * Mean logistic loss {@code log(1 + e^(−y·z))} for labels ±1 with {@code z = x·w + b},
     * plus {@code (λ/2)·|w|²}; the bias and λ are plain doubles.
     */
    @Differentiable
    static double logisticLoss(Tensor w, double b, Tensor x, Tensor y, double lambda) {
        Tensor z = add(matmul(x, w), Tensor.scalar(b));
        Tensor margins = negative(multiply(y, z));
        double data = Np.mean(log1p(exp(margins))).item();
        double penalty = Np.sum(square(w)).item();
        return data + 0.5 * lambda * penalty;
    }

    /**
     * An Elman network unrolled over the time steps of xs (steps, batch, in): the states
     * live in a {@code Tensor[]}, each computed from the one before; the loss reads them all.
     */
    @Differentiable
    static Tensor rnn(Tensor wx, Tensor wh, Tensor b, Tensor xs) {
        int steps = xs.shape()[0];
        Tensor[] states = new Tensor[steps + 1];
        states[0] = Tensor.zeros(xs.shape()[1], wh.shape()[0]);
        for (int t = 0; t < steps; t++) {
            Tensor input = index(xs, String.valueOf(t));
            states[t + 1] = tanh(add(add(matmul(input, wx), matmul(states[t], wh)), b));
        }
        Tensor total = Tensor.scalar(0.0);
        for (int t = 1; t <= steps; t++) {
            total = add(total, mean(square(states[t]), null, false));
        }
        return total;
    }

    /** Ridge regression through the normal equations: x = (AᵀA + λI)⁻¹Aᵀb, then the residual. */
    @Differentiable
    static Tensor leastSquares(Tensor a, Tensor b) {
        Tensor at = transpose(a, 1, 0);
        Tensor normal = add(matmul(at, a), multiply(Tensor.eye(a.shape()[1]), Tensor.scalar(0.1)));
        Tensor x = Linalg.solve(normal, matmul(at, b));
        Tensor residual = subtract(matmul(a, x), b);
        return add(sum(square(residual), null, false), multiply(Tensor.scalar(0.1), sum(square(x), null, false)));
    }

    /**
     * log det(A·Aᵀ + I) three ways: as 2·Σ log diag(cholesky), as log of det, and as slogdet's
     * second result; returns all three.
     */
    @Differentiable
    static Tensor logDeterminant(Tensor a) {
        Tensor spd = add(matmul(a, transpose(a, 1, 0)), Tensor.eye(a.shape()[0]));
        Tensor diagonal = diagonal(Linalg.cholesky(spd), 0, 0, 1);
        Tensor viaCholesky = multiply(Tensor.scalar(2.0), sum(log(diagonal), null, false));
        Tensor viaSlogdet = Linalg.slogdet(spd)[1];
        return stack(new Tensor[] {viaCholesky, log(Linalg.det(spd)), viaSlogdet}, 0);
    }

    /**
     * Unshifted QR iteration on the positive definite A·Aᵀ + I: M ← R·Q, a similarity. QR's
     * sign choice changes M only by a similarity with a ±1 diagonal, so M's diagonal (which
     * tends to the eigenvalues) does not depend on it.
     */
    @Differentiable
    static Tensor qrIteration(Tensor a, int iterations) {
        Tensor m = add(matmul(a, transpose(a, 1, 0)), Tensor.eye(a.shape()[0]));
        for (int i = 0; i < iterations; i++) {
            Tensor[] qr = Linalg.qr(m, "reduced");
            m = matmul(qr[1], qr[0]);
        }
        return diagonal(m, 0, 0, 1);
    }

    /**
     * An LSTM unrolled over the time steps of xs (steps, batch, in): each step's
     * pre-activations are split into the four gates; the loss is the mean square of the last
     * hidden state. wx: (in, 4h), wh: (h, 4h), b: (4h,).
     */
    @Differentiable
    static Tensor lstm(Tensor wx, Tensor wh, Tensor b, Tensor xs) {
        int hidden = wh.shape()[0];
        Tensor h = Tensor.zeros(xs.shape()[1], hidden);
        Tensor c = Tensor.zeros(xs.shape()[1], hidden);
        for (int t = 0; t < xs.shape()[0]; t++) {
            Tensor pre = add(add(matmul(index(xs, String.valueOf(t)), wx), matmul(h, wh)), b);
            Tensor[] gates = split(pre, new int[] {hidden, 2 * hidden, 3 * hidden}, 1);
            c = add(multiply(sigmoid(gates[1]), c), multiply(sigmoid(gates[0]), tanh(gates[2])));
            h = multiply(sigmoid(gates[3]), tanh(c));
        }
        return mean(square(h), null, false);
    }

    /** Scaled dot-product attention: softmax(q·kᵀ/√d)·v. */
    @Differentiable
    static Tensor attention(Tensor q, Tensor k, Tensor v) {
        double scale = 1.0 / Math.sqrt(q.shape()[1]);
        Tensor scores = multiply(matmul(q, transpose(k, 1, 0)), Tensor.scalar(scale));
        return matmul(softmax(scores, 1), v);
    }

    /** Layer normalisation over the last axis, with gain and bias. */
    @Differentiable
    static Tensor layerNorm(Tensor x, Tensor gain, Tensor bias) {
        Tensor centred = subtract(x, mean(x, new int[] {1}, true));
        Tensor spread = sqrt(add(var(x, new int[] {1}, true), Tensor.scalar(1e-3)));
        return add(multiply(divide(centred, spread), gain), bias);
    }

    /**
     * Doubles and tensors mixed: a tensor reduced to a double with {@code item()}, double
     * arithmetic and {@code Math} on it, back into tensors with {@code Tensor.scalar}.
     */
    @Differentiable
    static double mixedScalars(Tensor x, double s) {
        double total = Np.sum(x).item();
        double first = x.get(0, 1);
        double shrink = Math.exp(-0.1 * total * total) + s * first;
        Tensor scaled = multiply(x, Tensor.scalar(shrink));
        double energy = Np.sum(sin(scaled)).item();
        return energy * s + Math.log(1 + first * first);
    }

    /** Power iteration-like loop: x ← tanh(W·x)·c, with the count a parameter. */
    @Differentiable
    static Tensor tensorLoop(Tensor w, Tensor x, int iterations) {
        Tensor state = x;
        Tensor trace = Tensor.zeros(x.shape());
        for (int i = 0; i < iterations; i++) {
            state = tanh(matmul(w, state));
            trace = add(trace, multiply(state, Tensor.scalar(1.0 / (i + 1))));
        }
        return trace;
    }

    /** Branches on a tensor's value: the branch taken is fixed near the test point. */
    @Differentiable
    static Tensor branchOnValue(Tensor x) {
        Tensor result;
        if (Np.sum(x).item() > 0) {
            result = exp(multiply(x, Tensor.scalar(0.5)));
        } else {
            result = square(x);
        }
        if (Np.max(x).item() > 1.0) {
            result = add(result, x);
        }
        return result;
    }

    /** {@code aⁿ} by recursive squaring (n ≥ 1). */
    @Differentiable
    static Tensor matrixPower(Tensor a, int n) {
        if (n == 1) {
            return a;
        }
        Tensor half = matrixPower(a, n / 2);
        Tensor even = matmul(half, half);
        return n % 2 == 0 ? even : matmul(even, a);
    }

    /** √x elementwise by Newton's method until converged: the iteration count depends on the data. */
    @Differentiable
    static Tensor newtonSqrt(Tensor x) {
        Tensor y = add(x, Tensor.scalar(1.0));
        int iterations = 0;
        while (Np.max(abs(subtract(multiply(y, y), x))).item() > 1e-13 && iterations < 50) {
            y = multiply(Tensor.scalar(0.5), add(y, divide(x, y)));
            iterations++;
        }
        return y;
    }

    /** A {@code Tensor[]} parameter, read in a loop, and a polynomial with coefficients from a tensor. */
    @Differentiable
    static Tensor tensorArrayParameter(Tensor[] parts, Tensor coefficients) {
        Tensor acc = Tensor.zeros(parts[0].shape());
        for (int i = 0; i < parts.length; i++) {
            Tensor term = Tensor.scalar(coefficients.get(i));
            for (int k = 0; k < i; k++) {
                term = multiply(term, parts[i]);
            }
            acc = add(acc, term);
        }
        return acc;
    }

    /** A 1-D convolution written as a loop over kernel taps with slices. */
    @Differentiable
    static Tensor convolution(Tensor signal, Tensor kernel) {
        int n = signal.shape()[0];
        int taps = kernel.shape()[0];
        Tensor out = Tensor.zeros(n - taps + 1);
        for (int j = 0; j < taps; j++) {
            Tensor window = slice(signal, 0, j, j + n - taps + 1, 1);
            out = add(out, multiply(window, index(kernel, String.valueOf(j))));
        }
        return tanh(out);
    }

    /** Library composites (inlined into the derivative): sum, mean, outer, kron, trace, diag, vdot, clip. */
    @Differentiable
    static Tensor composites(Tensor x, Tensor y) {
        Tensor o = Np.outer(x, y);                                             // (3, 3)
        Tensor k = Np.kron(o, Tensor.eye(2));                                  // (6, 6)
        Tensor d = Np.diag(Np.diagonal(o));                                    // (3, 3)
        Tensor t = Np.trace(matmul(o, d));
        Tensor v = Np.vdot(x, y);
        Tensor c = Np.clip(o, -0.5, 0.5);
        Tensor folded = Np.sum(Np.reshape(Np.sum(k, 0), 2, 3), 0);              // (3,)
        return add(add(folded, Np.mean(c, 1)), multiply(add(t, v), Np.softmax(x)));
    }
}
