package dev.cotangent.examples.rosenbrock;

import dev.cotangent.GradientFunction;

/**
 * Limited-memory BFGS (J. Nocedal, "Updating quasi-Newton matrices with limited storage",
 * Math. Comp. 35, 1980; Nocedal and Wright, "Numerical Optimization", Algorithms 7.4 and
 * 7.5) with a backtracking line search on the Armijo condition.
 *
 * <p>It keeps the last {@code memory} steps {@code s = x₊ − x} and gradient changes
 * {@code y = g₊ − g}, and applies the inverse-Hessian approximation they define to the
 * gradient by the two-loop recursion: O(memory · n) work and memory per iteration, never an
 * n × n matrix. Value and gradient come together from a woven {@link GradientFunction}.
 */
public final class Lbfgs {

    /** Sufficient decrease: accept a step that achieves this fraction of the predicted one. */
    private static final double ARMIJO = 1e-4;

    /** Called once per iteration, before the convergence test. */
    @FunctionalInterface
    public interface Progress {
        void report(int iteration, double value, double gradientNorm);
    }

    /**
     * The outcome of {@link #minimize}: the last point, its value and gradient norm, the
     * iterations and the function evaluations (each one value and one gradient) it took.
     */
    public record Result(double[] x, double value, double gradientNorm, int iterations, int evaluations,
                         boolean converged) {}

    private final int memory;
    private final double tolerance;
    private final int maxIterations;

    /**
     * @param memory        how many (s, y) pairs to keep; 5 to 20 is usual
     * @param tolerance     stop when the Euclidean norm of the gradient is at most this
     * @param maxIterations stop after this many iterations, converged or not
     */
    public Lbfgs(int memory, double tolerance, int maxIterations) {
        this.memory = memory;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Minimises {@code f} from {@code start}, which is not modified. */
    public Result minimize(GradientFunction f, double[] start, Progress progress) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;

        for (int iteration = 0; ; iteration++) {
            double gradientNorm = Math.sqrt(dot(g, g));
            if (progress != null) {
                progress.report(iteration, fx, gradientNorm);
            }
            if (gradientNorm <= tolerance || iteration == maxIterations) {
                return new Result(x, fx, gradientNorm, iteration, evaluations, gradientNorm <= tolerance);
            }

            // Two-loop recursion: d = −H·g, newest pair first on the way down, oldest first on the way up.
            double[] d = g.clone();
            for (int j = 0; j < stored; j++) {
                int i = Math.floorMod(newest - j, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                addScaled(d, -alpha[i], y[i]);
            }
            // The initial Hessian γI with γ = sᵀy / yᵀy scales the step to the curvature just seen;
            // with no history yet, a first step of length 1.
            double gamma = stored > 0 ? dot(s[newest], y[newest]) / dot(y[newest], y[newest]) : 1 / gradientNorm;
            for (int k = 0; k < n; k++) {
                d[k] *= gamma;
            }
            for (int j = stored - 1; j >= 0; j--) {
                int i = Math.floorMod(newest - j, memory);
                double beta = rho[i] * dot(y[i], d);
                addScaled(d, alpha[i] - beta, s[i]);
            }
            for (int k = 0; k < n; k++) {
                d[k] = -d[k];
            }
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction (rounding): forget the history
                stored = 0;
                for (int k = 0; k < n; k++) {
                    d[k] = -g[k] / gradientNorm;
                }
                slope = -gradientNorm;
            }

            // Backtracking: try the quasi-Newton step first, then shrink it by quadratic
            // interpolation of f along d, kept within [0.1, 0.5] of the previous trial.
            double step = 1;
            double[] xNew = new double[n];
            double[] gNew = new double[n];
            double fNew;
            while (true) {
                for (int k = 0; k < n; k++) {
                    xNew[k] = x[k] + step * d[k];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                evaluations++;
                if (fNew <= fx + ARMIJO * step * slope) {
                    break;
                }
                double minimiser = -slope * step * step / (2 * (fNew - fx - slope * step));
                step = minimiser >= 0.1 * step ? Math.min(minimiser, 0.5 * step) : 0.1 * step; // NaN → 0.1·step
                if (step < 1e-20) {
                    return new Result(x, fx, gradientNorm, iteration, evaluations, false);
                }
            }

            // Keep the pair only if it has positive curvature, so that H stays positive definite.
            double[] sNew = new double[n];
            double[] yNew = new double[n];
            for (int k = 0; k < n; k++) {
                sNew[k] = xNew[k] - x[k];
                yNew[k] = gNew[k] - g[k];
            }
            double sy = dot(sNew, yNew);
            if (sy > 1e-12 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
                newest = (newest + 1) % memory;
                s[newest] = sNew;
                y[newest] = yNew;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            }
            x = xNew;
            g = gNew;
            fx = fNew;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** a += c·b */
    private static void addScaled(double[] a, double c, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += c * b[i];
        }
    }
}
