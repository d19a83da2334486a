package dev.cotangent.bench;

import dev.cotangent.tensor.Tensor;
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
 * The gradient of {@link Mlp} (64×784 → tanh 128 → 10, cross-entropy) with respect to both
 * weight matrices: woven, through the public {@code DifferentiableFunction.gradient} with
 * default settings, against {@link MlpByHand} (OpenBLAS on one thread). PyTorch's figure
 * for the same network comes from {@link MlpTorchBench} in the same JMH run
 * ({@code -Ppytorch}, see the README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The woven path (generated sweeps, the reflective API around them) takes several seconds to compile.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpBench {

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private Object[] args;
    private MlpByHand hand;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlasThreads.requireOpenBlas();
        Tensor[] data = data();
        args = new Object[] {data[0], data[1], data[2], data[3]};
        hand = new MlpByHand(data[0].toArray(), data[1].toArray(), data[2].toArray(), data[3].toArray(),
                BATCH, INPUTS, HIDDEN, CLASSES);
        // The first call weaves (about a second): keep it out of the warmup iterations.
        cotangent();
        BusyThreads.start(busy);
    }

    /** W1, W2, the inputs and the one-hot targets every implementation is measured on. */
    static Tensor[] data() {
        return new Tensor[] {
            TensorMlp.matrix(1, INPUTS, HIDDEN, 1 / Math.sqrt(INPUTS)),
            TensorMlp.matrix(3, HIDDEN, CLASSES, 1 / Math.sqrt(HIDDEN)),
            TensorMlp.matrix(5, BATCH, INPUTS, 1),
            TensorMlp.oneHot(TanhNetwork.labels(6, BATCH), CLASSES)};
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
    }

    @Benchmark
    public Object[] cotangent() {
        return Mlp.GRADIENT.gradient(args);
    }

    @Benchmark
    public double handOpenBlas() {
        return hand.gradient();
    }
}
