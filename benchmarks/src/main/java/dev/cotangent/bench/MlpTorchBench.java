package dev.cotangent.bench;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static dev.cotangent.bench.TanhNetwork.BATCH;
import static dev.cotangent.bench.TanhNetwork.CLASSES;
import static dev.cotangent.bench.TanhNetwork.HIDDEN;
import static dev.cotangent.bench.TanhNetwork.INPUTS;

/**
 * {@link MlpBench}'s network and data in PyTorch (libtorch through bytedeco, float64, one
 * intra-op thread): the loss and {@code torch.autograd.grad} with respect to both weight
 * matrices, each call's native objects freed by a {@link PointerScope}, as a Java user of
 * those bindings writes it. Compiled only with {@code -Ppytorch} (the default build leaves
 * this file out, so that a fresh clone does not download libtorch). The setup checks
 * PyTorch's gradient against {@link MlpByHand}'s before anything is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpTorchBench {

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private PointerScope scope;
    private Tensor w1;
    private Tensor w2;
    private Tensor x;
    private Tensor targets;

    @Setup(Level.Trial)
    public void setUp() {
        torch.set_num_threads(1);
        scope = new PointerScope();
        dev.cotangent.tensor.Tensor[] data = MlpBench.data();
        w1 = tensor(data[0]).requires_grad_(true);
        w2 = tensor(data[1]).requires_grad_(true);
        x = tensor(data[2]);
        targets = tensor(data[3]);
        MlpByHand hand = new MlpByHand(data[0].toArray(), data[1].toArray(), data[2].toArray(), data[3].toArray(),
                BATCH, INPUTS, HIDDEN, CLASSES);
        hand.gradient();
        try (PointerScope call = new PointerScope()) {
            TensorVector g = grads();
            check("W1", values(g.get(0)), hand.gradW1);
            check("W2", values(g.get(1)), hand.gradW2);
        }
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
        scope.close();
    }

    private TensorVector grads() {
        Tensor logp = x.matmul(w1).tanh().matmul(w2).log_softmax(1);
        Tensor loss = targets.mul(logp).sum(1).mean().neg();
        return torch.grad(new TensorVector(loss), new TensorVector(w1, w2));
    }

    @Benchmark
    public long pytorch() {
        try (PointerScope call = new PointerScope()) {
            return grads().size();
        }
    }

    /** A float64 libtorch tensor holding a copy of {@code t}. */
    private static Tensor tensor(dev.cotangent.tensor.Tensor t) {
        int[] shape = t.shape();
        long[] sizes = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            sizes[i] = shape[i];
        }
        try (DoublePointer p = new DoublePointer(t.toArray())) {
            return torch.from_blob(p, sizes, new TensorOptions(torch.ScalarType.Double)).clone();
        }
    }

    private static double[] values(Tensor t) {
        double[] out = new double[(int) t.numel()];
        new DoublePointer(t.contiguous().data_ptr()).get(out);
        return out;
    }

    private static void check(String what, double[] torchGradient, java.nio.DoubleBuffer hand) {
        for (int i = 0; i < torchGradient.length; i++) {
            double h = hand.get(i);
            if (Math.abs(torchGradient[i] - h) > 1e-9 * (1 + Math.abs(h))) {
                throw new IllegalStateException("PyTorch's gradient of " + what + " differs from the hand-written one at "
                        + i + ": " + torchGradient[i] + " against " + h);
            }
        }
    }
}
