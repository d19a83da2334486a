package dev.cotangent.weave.tensors;

import dev.cotangent.CustomDerivative;
import dev.cotangent.primitive.Primitives;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/** Operations with declared derivatives, as a user writes them. */
public final class UserOps {

    private UserOps() {}

    static {
        // softplus(x) = log(1 + eˣ); its derivative value is the logistic function.
        Primitives.define(UserOps.class, "softplus", Tensor.class)
                .d(0, c -> new Tensor[] {Np.sigmoid(c.tensor(0))}, "...,@...->...")
                .done();
        // A "valid" 1-D convolution is linear in the signal and in the kernel; each transpose
        // is a correlation (full, against the other operand).
        Primitives.define(UserOps.class, "convolve", Tensor.class, Tensor.class)
                .linear(0, (c, v) -> signalTranspose((Tensor) v, c.tensor(1), c.shape(0)[0]))
                .linear(1, (c, v) -> kernelTranspose((Tensor) v, c.tensor(0), c.shape(1)[0]))
                .done();
    }

    /** {@code log(1 + eˣ)} without overflow: {@code max(x, 0) + log1p(e^-|x|)}. */
    @CustomDerivative
    public static Tensor softplus(Tensor x) {
        return Np.add(Np.maximum(x, Tensor.scalar(0)), Np.log1p(Np.exp(Np.negative(Np.abs(x)))));
    }

    /** {@code y[i] = Σⱼ signal[i + j]·kernel[K − 1 − j]}, length N − K + 1. */
    @CustomDerivative
    public static Tensor convolve(Tensor signal, Tensor kernel) {
        double[] s = signal.toArray();
        double[] k = kernel.toArray();
        int n = s.length - k.length + 1;
        if (n < 1) {
            throw new IllegalArgumentException("convolve: kernel of length " + k.length + " longer than signal of "
                    + s.length);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k.length; j++) {
                y[i] += s[i + j] * k[k.length - 1 - j];
            }
        }
        return Tensor.of(y);
    }

    /** {@code s̄[p] = Σᵢ v[i]·k[K−1−(p−i)]}: the full convolution of the cotangent with the kernel. */
    static Tensor signalTranspose(Tensor v, Tensor kernel, int n) {
        double[] g = v.toArray();
        double[] k = kernel.toArray();
        double[] out = new double[n];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < k.length; j++) {
                out[i + j] += g[i] * k[k.length - 1 - j];
            }
        }
        return Tensor.of(out);
    }

    /** {@code k̄[q] = Σᵢ v[i]·s[i + K−1−q]}: the correlation of the signal with the cotangent. */
    static Tensor kernelTranspose(Tensor v, Tensor signal, int kernelLength) {
        double[] g = v.toArray();
        double[] s = signal.toArray();
        double[] out = new double[kernelLength];
        for (int q = 0; q < kernelLength; q++) {
            for (int i = 0; i < g.length; i++) {
                out[q] += g[i] * s[i + kernelLength - 1 - q];
            }
        }
        return Tensor.of(out);
    }
}
