package dev.cotangent.bench;

import dev.cotangent.runtime.Tape;
import dev.cotangent.runtime.TangentOut;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static dev.cotangent.bench.TanhNetwork.BATCH;
import static dev.cotangent.bench.TanhNetwork.CLASSES;
import static dev.cotangent.bench.TanhNetwork.HIDDEN;
import static dev.cotangent.bench.TanhNetwork.INPUTS;

/**
 * The 784-128-10 tanh network on a batch of 64: the loss, its tangent along random weight
 * directions, and its gradient with respect to both weight matrices; against backpropagation
 * by hand and (tangent only: the gradient has 101,632 entries) Hipparchus forward mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The woven sweeps run interpreted for the first second or so (each call is long): warm up longer.
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TanhNetworkBench {

    private static final Class<?>[] PARAMETERS = {double[][].class, double[][].class, double[][].class, int[].class};
    private static final MethodHandle TANGENT = WovenDerivatives.tangent(TanhNetwork.class, "loss", PARAMETERS);
    /** {@code (w1, w̄1, w2, w̄2, x, x̄, labels, tape) → loss}. */
    private static final MethodHandle FORWARD = WovenDerivatives.forward(TanhNetwork.class, "loss", PARAMETERS);
    private static final MethodHandle REVERSE = WovenDerivatives.reverse(TanhNetwork.class, "loss", PARAMETERS);

    private double[][] w1;
    private double[][] w2;
    private double[][] d1;
    private double[][] d2;
    private double[][] x;
    private double[][] dx;
    private double[][] xBar;
    private int[] labels;
    private double[][] g1;
    private double[][] g2;
    private final TangentOut out = new TangentOut();

    @Setup
    public void setUp() {
        w1 = TanhNetwork.matrix(1, HIDDEN, INPUTS, 1 / Math.sqrt(INPUTS));
        w2 = TanhNetwork.matrix(2, CLASSES, HIDDEN, 1 / Math.sqrt(HIDDEN));
        d1 = TanhNetwork.matrix(3, HIDDEN, INPUTS, 1);
        d2 = TanhNetwork.matrix(4, CLASSES, HIDDEN, 1);
        x = TanhNetwork.matrix(5, BATCH, INPUTS, 1);
        dx = new double[BATCH][INPUTS];
        xBar = new double[BATCH][INPUTS];
        labels = TanhNetwork.labels(6, BATCH);
        g1 = new double[HIDDEN][INPUTS];
        g2 = new double[CLASSES][HIDDEN];
    }

    /** The gradient with respect to both weight matrices, as {@code GradientFunction} runs it; the loss is returned. */
    static double gradient(double[][] w1, double[][] w2, double[][] x, double[][] xBar, int[] labels,
                           double[][] g1, double[][] g2) throws Throwable {
        for (double[] row : g1) {
            Arrays.fill(row, 0.0);
        }
        for (double[] row : g2) {
            Arrays.fill(row, 0.0);
        }
        Tape tape = Tape.acquire();
        try {
            double loss = (double) FORWARD.invokeExact(w1, g1, w2, g2, x, xBar, labels, tape);
            REVERSE.invokeExact(1.0, tape);
            return loss;
        } finally {
            Tape.release(tape);
        }
    }

    @Benchmark
    public double primal() {
        return TanhNetwork.loss(w1, w2, x, labels);
    }

    @Benchmark
    public double tangent() throws Throwable {
        double loss = (double) TANGENT.invokeExact(w1, d1, w2, d2, x, dx, labels, out);
        return loss + out.real;
    }

    @Benchmark
    public double gradient() throws Throwable {
        return gradient(w1, w2, x, xBar, labels, g1, g2);
    }

    @Benchmark
    public double handGradient() {
        return TanhNetwork.lossAndGradient(w1, w2, x, labels, g1, g2);
    }

    @Benchmark
    public double hipparchusTangent() {
        return TanhNetwork.hipparchusTangent(w1, d1, w2, d2, x, labels);
    }
}
