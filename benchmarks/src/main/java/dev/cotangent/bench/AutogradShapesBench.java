package dev.cotangent.bench;

import dev.cotangent.primitive.Call;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
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
 * The shapes of autograd's {@code bench_numpy_vjps}: {@code dot} of (2,3,4,5) and (2,3,5,4),
 * {@code tensordot} of (2,3,5,4) and (5,4,2,3) over 2 axes; the forward product and the VJP
 * with respect to each operand, through the primitive registry; and the VJP with respect to
 * both operands of a woven {@code @Differentiable} method that calls {@code Np.dot} or
 * {@code Np.tensordot} ({@link Contractions}), through the public {@code DifferentiableFunction.vjp}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The woven path (generated sweeps, the reflective API around them) takes several seconds to compile.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AutogradShapesBench {

    /** Spinning threads beside the benchmark ({@link BusyThreads}). */
    @Param({"0"})
    public int busy;

    private static final int[] AXES_A = {2, 3};
    private static final int[] AXES_B = {0, 1};

    private Tensor dotA;
    private Tensor dotB;
    private Tensor dotV;
    private Primitive dot;
    private Call dotCall;
    private Tensor tdA;
    private Tensor tdB;
    private Tensor tdV;
    private Primitive tensordot;
    private Call tdCall;
    private Object[] dotArgs;
    private Object[] tdArgs;

    @Setup(Level.Trial)
    public void setUp() {
        dotA = Tensor.randn(1, 2, 3, 4, 5);
        dotB = Tensor.randn(2, 2, 3, 5, 4);
        dot = Registry.named("dot");
        dotCall = dot.call(dotA, dotB);
        dotV = Tensor.randn(3, dotCall.y().shape());
        tdA = Tensor.randn(4, 2, 3, 5, 4);
        tdB = Tensor.randn(5, 5, 4, 2, 3);
        tensordot = Registry.named("tensordot");
        tdCall = tensordot.call(tdA, tdB, AXES_A, AXES_B);
        tdV = Tensor.randn(6, tdCall.y().shape());
        dotArgs = new Object[] {dotA, dotB};
        tdArgs = new Object[] {tdA, tdB, 2};
        // The first call weaves (about a second): keep it out of the warmup iterations.
        dotVjpWoven();
        tensordotVjpWoven();
        BusyThreads.start(busy);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        BusyThreads.stop();
    }

    @Benchmark
    public Tensor dotForward() {
        return Np.dot(dotA, dotB);
    }

    @Benchmark
    public Object dotVjpA() {
        return dot.vjp(dotCall, dotV, 0);
    }

    @Benchmark
    public Object dotVjpB() {
        return dot.vjp(dotCall, dotV, 1);
    }

    /** Both adjoints, through a woven method. */
    @Benchmark
    public Object[] dotVjpWoven() {
        return Contractions.DOT.vjp(dotArgs, dotV);
    }

    @Benchmark
    public Tensor tensordotForward() {
        return Np.tensordot(tdA, tdB, 2);
    }

    @Benchmark
    public Object tensordotVjpA() {
        return tensordot.vjp(tdCall, tdV, 0);
    }

    @Benchmark
    public Object tensordotVjpB() {
        return tensordot.vjp(tdCall, tdV, 1);
    }

    /** Both adjoints, through a woven method. */
    @Benchmark
    public Object[] tensordotVjpWoven() {
        return Contractions.TENSORDOT.vjp(tdArgs, tdV);
    }
}
