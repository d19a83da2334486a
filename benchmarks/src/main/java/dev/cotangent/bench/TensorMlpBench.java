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
 * The 784-128-10 tanh network on a batch of 64 written with {@code Np} ({@link TensorMlp}): the
 * loss, and its gradient with respect to both weight matrices and both biases through the
 * public {@code DifferentiableFunction.gradient} of the woven method, and a Hessian-vector
 * product with respect to the same parameters. The gradient's cost over the loss's is the
 * figure of interest (reverse mode's cheap-gradient principle); the HVP's over the gradient's
 * is the price of second order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The woven path (generated sweeps, the reflective API around them) takes several seconds to compile.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TensorMlpBench {

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;
    private Tensor x;
    private Tensor targets;
    private Object[] args;
    private Object[] directions;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlasThreads.requireOpenBlas();
        w1 = TensorMlp.matrix(1, INPUTS, HIDDEN, 1 / Math.sqrt(INPUTS));
        b1 = TensorMlp.matrix(2, 1, HIDDEN, 0.1);
        w2 = TensorMlp.matrix(3, HIDDEN, CLASSES, 1 / Math.sqrt(HIDDEN));
        b2 = TensorMlp.matrix(4, 1, CLASSES, 0.1);
        x = TensorMlp.matrix(5, BATCH, INPUTS, 1);
        targets = TensorMlp.oneHot(TanhNetwork.labels(6, BATCH), CLASSES);
        args = new Object[] {w1, b1, w2, b2, x, targets};
        directions = directions(args);
        gradient();
        hvp();
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
    }

    /** Random directions for the weights and biases, none for the data. */
    static Object[] directions(Object[] args) {
        Object[] v = new Object[args.length];
        for (int i = 0; i < 4; i++) {
            Tensor t = (Tensor) args[i];
            v[i] = Tensor.randn(100 + i, t.shape());
        }
        return v;
    }

    @Benchmark
    public double primal() {
        return TensorMlp.loss(w1, b1, w2, b2, x, targets);
    }

    @Benchmark
    public Object[] gradient() {
        return TensorMlp.GRADIENT.gradient(args);
    }

    @Benchmark
    public Object[] hvp() {
        return TensorMlp.GRADIENT.hvp(args, directions);
    }
}
