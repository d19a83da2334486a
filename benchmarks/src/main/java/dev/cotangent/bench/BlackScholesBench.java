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

/**
 * A Monte Carlo Black-Scholes call over 100,000 fixed normals: the price, its tangent along
 * one direction, and all five Greeks from one woven gradient; against the adjoint by hand
 * and Hipparchus forward mode (five free parameters, or one for the tangent).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlackScholesBench {

    public static final int PATHS = 100_000;

    private static final MethodHandle TANGENT =
            WovenDerivatives.tangent(BlackScholes.class, "price", double[].class, double[].class);
    /** {@code (p, p̄, z, z̄, tape) → price}. */
    private static final MethodHandle FORWARD =
            WovenDerivatives.forward(BlackScholes.class, "price", double[].class, double[].class);
    /** {@code (seed, tape) → void}. */
    private static final MethodHandle REVERSE =
            WovenDerivatives.reverse(BlackScholes.class, "price", double[].class, double[].class);

    private double[] p;
    private double[] dp;
    private double[] z;
    private double[] dz;
    private double[] zBar;
    private double[] greeks;
    private final TangentOut out = new TangentOut();

    @Setup
    public void setUp() {
        p = BlackScholes.parameters();
        dp = new double[] {1, 0, 0, 0, 0};
        z = BlackScholes.normals(42, PATHS);
        dz = new double[PATHS];
        zBar = new double[PATHS];
        greeks = new double[5];
    }

    /** All five Greeks from one woven gradient, as {@code GradientFunction} runs it; the price is returned. */
    static double gradient(double[] p, double[] z, double[] zBar, double[] greeks) throws Throwable {
        Arrays.fill(greeks, 0.0);
        Tape tape = Tape.acquire();
        try {
            double price = (double) FORWARD.invokeExact(p, greeks, z, zBar, tape);
            REVERSE.invokeExact(1.0, tape);
            return price;
        } finally {
            Tape.release(tape);
        }
    }

    @Benchmark
    public double primal() {
        return BlackScholes.price(p, z);
    }

    @Benchmark
    public double tangent() throws Throwable {
        double price = (double) TANGENT.invokeExact(p, dp, z, dz, out);
        return price + out.real;
    }

    @Benchmark
    public double gradient() throws Throwable {
        return gradient(p, z, zBar, greeks);
    }

    @Benchmark
    public double handGradient() {
        return BlackScholes.priceAndGreeks(p, z, greeks);
    }

    @Benchmark
    public double hipparchusTangent() {
        return BlackScholes.hipparchusTangent(p, dp, z);
    }

    @Benchmark
    public double[] hipparchusGradient() {
        return BlackScholes.hipparchusGreeks(p, z);
    }
}
