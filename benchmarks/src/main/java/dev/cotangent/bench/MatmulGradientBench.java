package dev.cotangent.bench;

import dev.cotangent.tensor.Tensor;
import org.bytedeco.javacpp.DoublePointer;
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

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ddot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

/**
 * The gradient (forward and backward) of {@code sum(A·B ∘ G)} with respect to A and B, n×n:
 * the woven {@link MatmulLoss} through the public {@code DifferentiableFunction.gradient}
 * with default settings, against the same three products and one dot product written by
 * hand on OpenBLAS (one thread, preallocated off-heap buffers: the ceiling). {@code busy}
 * starts that many spinning threads beside the benchmark ({@link BusyThreads}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The woven path (generated sweeps, the reflective API around them) takes several seconds to compile.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatmulGradientBench {

    @Param({"32", "256", "1024"})
    public int n;

    /** Spinning threads beside the benchmark. */
    @Param({"0"})
    public int busy;

    private Object[] args;
    private DoublePointer a;
    private DoublePointer b;
    private DoublePointer g;
    private DoublePointer c;
    private DoublePointer gradA;
    private DoublePointer gradB;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlasThreads.requireOpenBlas();
        Tensor ta = Tensor.randn(1, n, n);
        Tensor tb = Tensor.randn(2, n, n);
        Tensor tg = Tensor.randn(3, n, n);
        args = new Object[] {ta, tb, tg};
        a = new DoublePointer(ta.toArray());
        b = new DoublePointer(tb.toArray());
        g = new DoublePointer(tg.toArray());
        c = new DoublePointer((long) n * n);
        gradA = new DoublePointer((long) n * n);
        gradB = new DoublePointer((long) n * n);
        // The first call weaves (about a second): keep it out of the warmup iterations.
        cotangent();
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
        for (DoublePointer p : new DoublePointer[] {a, b, g, c, gradA, gradB}) {
            p.close();
        }
    }

    @Benchmark
    public Object[] cotangent() {
        return MatmulLoss.GRADIENT.gradient(args);
    }

    /** C = A·B, loss = ⟨C, G⟩, ∂A = G·Bᵀ, ∂B = Aᵀ·G. */
    @Benchmark
    public double handOpenBlas() {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        double loss = cblas_ddot(n * n, c, 1, g, 1);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, n, 1.0, g, n, b, n, 0.0, gradA, n);
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, n, n, 1.0, a, n, g, n, 0.0, gradB, n);
        return loss;
    }
}
