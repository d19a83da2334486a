package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.GradientFunction;
import dev.cotangent.runtime.TangentOut;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Rosenbrock over {@code double[]}: primal, woven tangent, woven gradient
 * ({@link GradientFunction#valueAndGradient}), the same by hand, and Hipparchus forward mode
 * (the tangent at every size, the full gradient where its O(n²) cost is feasible).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RosenbrockBench {

    /** {@code (x, dx, out) → f(x)}, the tangent in {@code out.real}. */
    private static final MethodHandle TANGENT = WovenDerivatives.tangent(Rosenbrock.class, "value", double[].class);

    @Param({"10", "1000", "100000"})
    public int n;

    private double[] x;
    private double[] dx;
    private double[] g;
    private final TangentOut out = new TangentOut();
    private GradientFunction gradient;

    static double[] point(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1.5, 1.5);
        }
        return x;
    }

    @Setup
    public void setUp() {
        x = point(1, n);
        dx = point(2, n);
        g = new double[n];
        gradient = AD.gradientFunction(Rosenbrock::value);
    }

    @Benchmark
    public double primal() {
        return Rosenbrock.value(x);
    }

    @Benchmark
    public double tangent() throws Throwable {
        double f = (double) TANGENT.invokeExact(x, dx, out);
        return f + out.real;
    }

    @Benchmark
    public double gradient() {
        return gradient.valueAndGradient(x, g);
    }

    @Benchmark
    public double handTangent() {
        return Rosenbrock.tangent(x, dx);
    }

    @Benchmark
    public double handGradient() {
        return Rosenbrock.valueAndGradient(x, g);
    }

    @Benchmark
    public double hipparchusTangent() {
        return Rosenbrock.hipparchusTangent(x, dx);
    }

    /** Hipparchus's full gradient: n free parameters, so only the sizes where O(n²) is feasible. */
    @State(Scope.Thread)
    public static class Small {
        @Param({"10", "1000"})
        public int n;

        double[] x;

        @Setup
        public void setUp() {
            x = point(1, n);
        }
    }

    @Benchmark
    public double[] hipparchusGradient(Small s) {
        return Rosenbrock.hipparchusGradient(s.x);
    }
}
