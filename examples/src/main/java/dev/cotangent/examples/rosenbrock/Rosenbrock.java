package dev.cotangent.examples.rosenbrock;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.GradientFunction;

import java.util.Locale;

/**
 * Minimises the n = 1,000 Rosenbrock function
 * <pre>
 *   f(x) = Σᵢ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²,   i = 0 … n−2
 * </pre>
 * with L-BFGS. Its minimum is f = 0 at x = (1, …, 1), at the end of a long, curved, narrow
 * valley: a classic test for optimisers. The gradient is woven by Cotangent from
 * {@link #rosenbrock}; {@link AD#gradientFunction} looks the derivative code up once, and each
 * call then costs one forward and one reverse sweep, whatever n is.
 */
public final class Rosenbrock {

    private Rosenbrock() {}

    @Differentiable
    static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /** The usual start, (−1.2, 1, −1.2, 1, …). */
    static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }

    /**
     * Runs L-BFGS to a gradient norm of 1e-8, printing some iterations when {@code print}.
     * From this start the iteration count grows linearly with n (about 5n): f falls steadily
     * while the chain of coordinates is brought into the valley a few at a time.
     */
    static Lbfgs.Result minimize(int n, boolean print) {
        GradientFunction f = AD.gradientFunction(Rosenbrock::rosenbrock);
        Lbfgs.Progress progress = !print ? null : (iteration, value, gradientNorm) -> {
            if (iteration <= 1 || iteration == 10 || iteration == 100 || iteration % 500 == 0) {
                System.out.printf("%9d %16.6e %12.3e%n", iteration, value, gradientNorm);
            }
        };
        return new Lbfgs(10, 1e-8, 20_000).minimize(f, start(n), progress);
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT); // a decimal point in every locale
        int n = 1000;
        System.out.printf("Rosenbrock, n = %,d, from (−1.2, 1, …): L-BFGS (memory 10) with woven gradients%n%n", n);
        System.out.printf("%9s %16s %12s%n", "iteration", "f", "|∇f|");
        long start = System.nanoTime();
        Lbfgs.Result r = minimize(n, true);
        double seconds = (System.nanoTime() - start) / 1e9;

        double farthest = 0;
        for (double xi : r.x()) {
            farthest = Math.max(farthest, Math.abs(xi - 1));
        }
        if (r.iterations() % 500 != 0) { // the last iteration, unless it was printed already
            System.out.printf("%9d %16.6e %12.3e%n", r.iterations(), r.value(), r.gradientNorm());
        }
        System.out.println();
        System.out.printf("%s after %d iterations (%d values and gradients) in %.2f s%n",
                r.converged() ? "converged" : "NOT converged", r.iterations(), r.evaluations(), seconds);
        System.out.printf("f = %.3e, |∇f| = %.3e, max |xᵢ − 1| = %.3e%n", r.value(), r.gradientNorm(), farthest);
        System.out.printf("one gradient costs %.1f× one evaluation of f (n = %,d)%n", gradientCostRatio(n), n);
        if (!r.converged() || farthest > 1e-6) {
            System.err.println("rosenbrock: L-BFGS did not reach the minimum");
            System.exit(1);
        }
    }

    /**
     * Reverse mode's promise, measured: a whole gradient for a small constant times the cost
     * of f itself. A rough timing (best of several repetitions), not a benchmark.
     */
    static double gradientCostRatio(int n) {
        GradientFunction f = AD.gradientFunction(Rosenbrock::rosenbrock);
        double[] x = start(n);
        double[] g = new double[n];
        double best = Double.POSITIVE_INFINITY;
        double bestGradient = Double.POSITIVE_INFINITY;
        double sink = 0;
        for (int round = 0; round < 20; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                sink += rosenbrock(x);
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                sink += f.valueAndGradient(x, g);
            }
            long t2 = System.nanoTime();
            best = Math.min(best, t1 - t0);
            bestGradient = Math.min(bestGradient, t2 - t1);
        }
        return sink == 42 ? 0 : bestGradient / best; // sink keeps the JIT from dropping the loops
    }
}
