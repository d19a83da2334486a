package dev.cotangent.bench;

import dev.cotangent.primitive.Call;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import dev.cotangent.tensor.Np;
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
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

/**
 * Square GEMM, {@code n×n · n×n}: {@code Np.dot} against {@code cblas_dgemm} called directly
 * on preallocated off-heap buffers, and the registry's matmul VJP with respect to both
 * operands (two GEMMs of the same size, read through transpose flags). GFLOP/s is
 * {@code 2n³ / time}; the VJP is reported as a ratio to one forward GEMM. {@code cblas_dgemm}
 * runs on one thread (Cotangent keeps OpenBLAS's pool at one); {@code Np.dot} with the default
 * settings may cut a large product for several threads, so compare the two under
 * {@code -jvmArgsAppend -Dcotangent.blas.threads=1} for the cost of {@code Np.dot}'s own
 * work, and without it for what a user gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBench {

    @Param({"64", "256", "1024", "2048"})
    public int n;

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private Tensor a;
    private Tensor b;
    private Tensor v;
    private Primitive matmul;
    private Call call;
    private DoublePointer pa;
    private DoublePointer pb;
    private DoublePointer pc;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlasThreads.requireOpenBlas();
        a = Tensor.randn(1, n, n);
        b = Tensor.randn(2, n, n);
        v = Tensor.randn(3, n, n);
        matmul = Registry.named("matmul");
        call = matmul.call(a, b);
        pa = new DoublePointer(a.toArray());
        pb = new DoublePointer(b.toArray());
        pc = new DoublePointer((long) n * n);
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
        pa.close();
        pb.close();
        pc.close();
    }

    @Benchmark
    public Tensor npDot() {
        return Np.dot(a, b);
    }

    @Benchmark
    public DoublePointer cblasDgemm() {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, pa, n, pb, n, 0.0, pc, n);
        return pc;
    }

    /** Both adjoints, {@code v·Bᵀ} and {@code Aᵀ·v}. */
    @Benchmark
    public Object[] matmulVjp() {
        return matmul.vjp(call, v);
    }
}
