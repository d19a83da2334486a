package dev.cotangent.bench;

import dev.cotangent.Pullback;
import dev.cotangent.tensor.Np;
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

/**
 * {@code dot}, {@code matmul} and {@code tensordot} (one axis) of square n×n matrices: the
 * forward product through {@code Np}, and the VJP with respect to both operands of a woven
 * {@code @Differentiable} method that calls it ({@link Contractions}), through the public
 * {@code DifferentiableFunction.vjp}, which runs the forward sweep (one product) and the
 * reverse sweep (two products), so its time over the forward time is about 3 plus the
 * overhead of the woven path. {@code matmulPull} times the reverse sweep alone: a
 * {@code Pullback} made once in the setup, pulled back per operation (two products, so about
 * 2 plus overhead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The woven path (generated sweeps, the reflective API around them) takes several seconds to compile.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SquareContractionBench {

    @Param({"4", "32", "256", "1024"})
    public int n;

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private Tensor a;
    private Tensor b;
    private Tensor v;
    private Object[] args;
    private Object[] tensordotArgs;
    private Pullback matmulPullback;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlasThreads.requireOpenBlas();
        a = Tensor.randn(1, n, n);
        b = Tensor.randn(2, n, n);
        v = Tensor.randn(3, n, n);
        args = new Object[] {a, b};
        tensordotArgs = new Object[] {a, b, 1};
        // The first call weaves (about a second): keep it out of the warmup iterations.
        dotVjp();
        matmulVjp();
        tensordotVjp();
        matmulPullback = Contractions.MATMUL.pullback(args);
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
    }

    @Benchmark
    public Tensor dotForward() {
        return Np.dot(a, b);
    }

    @Benchmark
    public Object[] dotVjp() {
        return Contractions.DOT.vjp(args, v);
    }

    @Benchmark
    public Tensor matmulForward() {
        return Np.matmul(a, b);
    }

    @Benchmark
    public Object[] matmulVjp() {
        return Contractions.MATMUL.vjp(args, v);
    }

    @Benchmark
    public Object[] matmulPull() {
        return matmulPullback.pull(v);
    }

    @Benchmark
    public Tensor tensordotForward() {
        return Np.tensordot(a, b, 1);
    }

    @Benchmark
    public Object[] tensordotVjp() {
        return Contractions.TENSORDOT.vjp(tensordotArgs, v);
    }
}
