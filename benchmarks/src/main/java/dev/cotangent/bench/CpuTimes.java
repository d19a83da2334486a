package dev.cotangent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The issue-15 comparisons as CPU time of the calling thread, for machines where other
 * processes make the wall clock useless: each figure is the best of seven rounds of
 * {@link ThreadMXBean#getCurrentThreadCpuTime()} over a fixed number of calls, after the
 * same calls as warm-up. Run with {@code -Dcotangent.blas.threads=1}, so that every product
 * runs on the measured thread (helpers' CPU time would not be counted):
 *
 * <pre>
 * java -Dcotangent.blas.threads=1 -cp benchmarks/target/benchmarks.jar dev.cotangent.bench.CpuTimes
 * </pre>
 *
 * Not a replacement for JMH (no forks, no dead-code protection beyond using the results); a
 * cross-check when the load average is above the number of cores.
 */
public final class CpuTimes {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private CpuTimes() {}

    public static void main(String[] args) throws InterruptedException {
        for (int n : new int[] {256, 1024}) {
            int calls = n == 256 ? 200 : 4;
            GemmBench gemm = new GemmBench();
            gemm.n = n;
            gemm.setUp();
            ratio("Np.dot / cblas_dgemm throughput, n = " + n, micros(calls, gemm::cblasDgemm),
                    micros(calls, gemm::npDot));
            gemm.tearDown();
            MatmulGradientBench grad = new MatmulGradientBench();
            grad.n = n;
            grad.setUp();
            ratio("matmul gradient n = " + n + ", Cotangent / hand OpenBLAS", micros(calls / 2, grad::cotangent),
                    micros(calls / 2, grad::handOpenBlas));
            grad.tearDown();
        }
        MatmulGradientBench small = new MatmulGradientBench();
        small.n = 32;
        small.setUp();
        ratio("matmul gradient n = 32, Cotangent / hand OpenBLAS", micros(5000, small::cotangent),
                micros(5000, small::handOpenBlas));
        small.tearDown();
        MlpBench mlp = new MlpBench();
        mlp.setUp();
        ratio("MLP gradient, Cotangent / hand OpenBLAS", micros(300, mlp::cotangent), micros(300, mlp::handOpenBlas));
        mlp.tearDown();
        GmmBench gmm = new GmmBench();
        gmm.d = 64;
        gmm.k = 50;
        gmm.points = 1000;
        gmm.setUp();
        ratio("GMM d = 64, k = 50, n = 1,000: gradient / objective", micros(5, gmm::gradient), micros(5, gmm::objective));
        gmm.tearDown();
        AutogradShapesBench shapes = new AutogradShapesBench();
        shapes.setUp();
        print("autograd dot (2,3,4,5)·(2,3,5,4): forward", micros(20000, shapes::dotForward));
        print("autograd dot: woven VJP, both operands", micros(20000, shapes::dotVjpWoven));
        print("autograd tensordot (2,3,5,4)·(5,4,2,3): forward", micros(20000, shapes::tensordotForward));
        print("autograd tensordot: woven VJP, both operands", micros(20000, shapes::tensordotVjpWoven));
        shapes.tearDown();
    }

    /** Best-of-seven CPU microseconds per call, after one round of warm-up. */
    private static double micros(int calls, Supplier<?> call) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink = call.get();
            }
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            if (round > 0) {
                best = Math.min(best, spent);
            }
        }
        return best / 1e3 / calls;
    }

    private static void ratio(String what, double numerator, double denominator) {
        System.out.printf(Locale.ROOT, "%-60s %.2f  (%.2f / %.2f µs)%n", what, numerator / denominator, numerator,
                denominator);
    }

    private static void print(String what, double micros) {
        System.out.printf(Locale.ROOT, "%-60s %.2f µs%n", what, micros);
    }
}
