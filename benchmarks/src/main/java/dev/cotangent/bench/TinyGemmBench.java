package dev.cotangent.bench;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
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

import java.util.concurrent.TimeUnit;

/**
 * {@code Np.dot} of two 4×4 matrices against a plain triple loop that allocates its result.
 * The loop reads its sizes from fields, as a general matrix product does; with compile-time
 * constant sizes the JIT unrolls it completely (see {@link #tripleLoopConstant}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TinyGemmBench {

    private static final int N = 4;

    private Tensor a;
    private Tensor b;
    private double[] x;
    private double[] y;
    private int m = N;
    private int k = N;
    private int n = N;

    @Setup
    public void setUp() {
        a = Tensor.randn(1, N, N);
        b = Tensor.randn(2, N, N);
        x = a.toArray();
        y = b.toArray();
    }

    @Benchmark
    public Tensor npDot() {
        return Np.dot(a, b);
    }

    @Benchmark
    public double[] tripleLoop() {
        return multiply(x, y, m, k, n);
    }

    /** {@code (m×k)·(k×n)}, row-major, into a new array: the loop a Java programmer writes. */
    static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Benchmark
    public double[] tripleLoopConstant() {
        double[] c = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < N; k++) {
                    s += x[i * N + k] * y[k * N + j];
                }
                c[i * N + j] = s;
            }
        }
        return c;
    }
}
