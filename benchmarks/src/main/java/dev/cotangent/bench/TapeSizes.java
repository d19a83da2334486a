package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.GradientFunction;
import dev.cotangent.runtime.Tape;

import java.lang.invoke.MethodHandle;

import static dev.cotangent.bench.TanhNetwork.BATCH;
import static dev.cotangent.bench.TanhNetwork.CLASSES;
import static dev.cotangent.bench.TanhNetwork.HIDDEN;
import static dev.cotangent.bench.TanhNetwork.INPUTS;

/**
 * Prints how much each benchmarked gradient records: the bytes on the tape when the forward
 * sweep ends ({@link Tape#bytes()}), and the size of the tape's stacks afterwards
 * ({@link Tape#capacityBytes()}, what the thread keeps for its next gradient). Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cotangent.bench.TapeSizes}.
 */
public final class TapeSizes {

    private TapeSizes() {}

    public static void main(String[] args) throws Throwable {
        System.out.printf("%-28s %16s %16s%n", "gradient", "recorded bytes", "capacity bytes");
        for (int n : new int[] {10, 1000, 100_000}) {
            double[] x = RosenbrockBench.point(1, n);
            MethodHandle forward = WovenDerivatives.forward(Rosenbrock.class, "value", double[].class);
            MethodHandle reverse = WovenDerivatives.reverse(Rosenbrock.class, "value", double[].class);
            long recorded = record(tape -> {
                double f = (double) forward.invokeExact(x.clone(), new double[n], tape);
            }, reverse);
            GradientFunction g = AD.gradientFunction(Rosenbrock::value);
            fresh();
            g.valueAndGradient(x, new double[n]);
            print("Rosenbrock n=" + n, recorded, capacity());
        }
        double[] p = BlackScholes.parameters();
        double[] z = BlackScholes.normals(42, BlackScholesBench.PATHS);
        MethodHandle bsForward = WovenDerivatives.forward(BlackScholes.class, "price", double[].class, double[].class);
        MethodHandle bsReverse = WovenDerivatives.reverse(BlackScholes.class, "price", double[].class, double[].class);
        long bs = record(tape -> {
            double price = (double) bsForward.invokeExact(p, new double[5], z, new double[z.length], tape);
        }, bsReverse);
        fresh();
        BlackScholesBench.gradient(p, z, new double[z.length], new double[5]);
        print("Black-Scholes 100k paths", bs, capacity());

        double[][] w1 = TanhNetwork.matrix(1, HIDDEN, INPUTS, 1 / Math.sqrt(INPUTS));
        double[][] w2 = TanhNetwork.matrix(2, CLASSES, HIDDEN, 1 / Math.sqrt(HIDDEN));
        double[][] x = TanhNetwork.matrix(5, BATCH, INPUTS, 1);
        int[] labels = TanhNetwork.labels(6, BATCH);
        Class<?>[] types = {double[][].class, double[][].class, double[][].class, int[].class};
        MethodHandle netForward = WovenDerivatives.forward(TanhNetwork.class, "loss", types);
        MethodHandle netReverse = WovenDerivatives.reverse(TanhNetwork.class, "loss", types);
        long net = record(tape -> {
            double loss = (double) netForward.invokeExact(w1, new double[HIDDEN][INPUTS], w2,
                    new double[CLASSES][HIDDEN], x, new double[BATCH][INPUTS], labels, tape);
        }, netReverse);
        fresh();
        TanhNetworkBench.gradient(w1, w2, x, new double[BATCH][INPUTS], labels, new double[HIDDEN][INPUTS],
                new double[CLASSES][HIDDEN]);
        print("tanh network 784-128-10 ×64", net, capacity());
    }

    private interface Sweep {
        void run(Tape tape) throws Throwable;
    }

    /** Runs a forward sweep on a new tape and returns the bytes it recorded, after popping them again. */
    private static long record(Sweep forward, MethodHandle reverse) throws Throwable {
        Tape tape = new Tape();
        forward.run(tape);
        long bytes = tape.bytes();
        reverse.invokeExact(1.0, tape);
        if (!tape.isEmpty()) {
            throw new IllegalStateException("the reverse sweep left the tape unbalanced");
        }
        return bytes;
    }

    /** Gives this thread a new tape, so that the next capacity read is of one gradient alone. */
    private static void fresh() {
        Tape.acquire();
    }

    /** The capacity of this thread's tape: the one the last gradient used and gave back. */
    private static long capacity() {
        Tape t = Tape.acquire();
        long c = t.capacityBytes();
        Tape.release(t);
        return c;
    }

    private static void print(String name, long recorded, long capacity) {
        System.out.printf("%-28s %16d %16d%n", name, recorded, capacity);
    }
}
