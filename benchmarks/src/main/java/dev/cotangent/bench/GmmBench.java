package dev.cotangent.bench;

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
 * ADBench's GMM objective ({@link Gmm}) at d = 64, k = 50, n = 1,000 (one of ADBench's
 * sizes): the objective, and its gradient with respect to alphas, means and icf through the
 * public {@code DifferentiableFunction.gradient}; the ratio is reverse mode's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class GmmBench {

    @Param({"64"})
    public int d;

    @Param({"50"})
    public int k;

    /** The number of points (not {@code n}, which the matrix benchmarks' sizes are called in the same run). */
    @Param({"1000"})
    public int points;

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private Object[] args;

    @Setup(Level.Trial)
    public void setUp() {
        args = inputs(d, k, points);
        gradient();
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
    }

    /** Random parameters and points, the prior γ = 1, m = 0 as in ADBench's inputs. */
    static Object[] inputs(int d, int k, int n) {
        Tensor alphas = Tensor.randn(1, k);
        Tensor means = Tensor.rand(2, k, d);
        Tensor icf = Np.multiply(Tensor.scalar(0.1), Tensor.randn(3, k, d + d * (d - 1) / 2));
        Tensor x = Tensor.rand(4, n, d);
        return new Object[] {alphas, means, icf, x, 1.0, 0};
    }

    @Benchmark
    public double objective() {
        return Gmm.objective((Tensor) args[0], (Tensor) args[1], (Tensor) args[2], (Tensor) args[3], 1.0, 0);
    }

    @Benchmark
    public Object[] gradient() {
        return Gmm.GRADIENT.gradient(args);
    }
}
