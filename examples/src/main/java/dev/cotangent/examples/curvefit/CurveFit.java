package dev.cotangent.examples.curvefit;

import dev.cotangent.hipparchus.ExactGradient;
import dev.cotangent.hipparchus.ExactJacobian;

import org.hipparchus.analysis.UnivariateVectorFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.FiniteDifferencesDifferentiator;
import org.hipparchus.analysis.differentiation.UnivariateDifferentiableVectorFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits {@link PredatorPrey} (a Runge–Kutta loop over 1,000 time steps, six parameters) to noisy
 * counts with Hipparchus' Levenberg–Marquardt optimizer, twice: on the exact Jacobian from
 * Cotangent ({@link ExactJacobian}, forward mode: six tangent sweeps), and on a Jacobian of
 * central differences from Hipparchus' {@link FiniteDifferencesDifferentiator} (twelve runs of
 * the model). Prints iterations, evaluations, time and the final residual of each, how far the
 * finite-difference Jacobian is from the exact one, and then the same fit by Hipparchus'
 * non-linear conjugate gradients on the exact gradient of the sum of squares ({@link ExactGradient}).
 */
public final class CurveFit {

    private static final double[] TRUTH = {1.0, 0.1, 0.075, 1.5, 10, 5};
    /** Within 25% of the truth: farther away, the fit can end in a local minimum, whatever the Jacobian. */
    private static final double[] START = {1.15, 0.09, 0.085, 1.3, 12, 4};
    private static final double NOISE = 0.5;
    private static final int REPEATS = 15;

    private CurveFit() {}

    public static void main(String[] args) {
        double[] observed = PredatorPrey.observe(TRUTH);
        SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < observed.length; i++) {
            observed[i] += NOISE * random.nextGaussian();
        }
        System.out.printf(Locale.ROOT, "Lotka-Volterra, %d observations of 2 species (noise sd %.2f), 6 "
                        + "parameters, RK4 with %d steps per interval%n%n", PredatorPrey.OBSERVATIONS, NOISE,
                PredatorPrey.STEPS);

        MultivariateJacobianFunction exact = ExactJacobian.of(PredatorPrey::observe);
        MultivariateJacobianFunction differences = finiteDifferences();
        double[][] je = exact.value(new ArrayRealVector(START)).getSecond().getData();
        double[][] jd = differences.value(new ArrayRealVector(START)).getSecond().getData();
        System.out.printf(Locale.ROOT, "Jacobian at the start: finite differences differ from the exact one by "
                + "up to %.1e (relative to the largest entry)%n%n", relativeDifference(jd, je));

        System.out.println("Levenberg-Marquardt       iterations  evaluations  time per fit  RMS residual");
        Optimum a = report("exact Jacobian (forward)", exact, observed);
        Optimum b = report("central differences", differences, observed);
        System.out.printf(Locale.ROOT, "%nfitted parameters %s%ntrue parameters   %s%nlargest difference between "
                        + "the two fits: %.1e%n", format(a.getPoint().toArray()), format(TRUTH),
                maxDifference(a.getPoint().toArray(), b.getPoint().toArray()));

        ExactGradient cost = ExactGradient.of(new PredatorPrey.SumOfSquares(observed)::cost);
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-12, 1e-12));
        long t0 = System.nanoTime();
        PointValuePair min = cg.optimize(cost.objective(), cost.gradient(), GoalType.MINIMIZE,
                new InitialGuess(START), new MaxEval(200_000));
        double ms = (System.nanoTime() - t0) / 1e6;
        double rms = Math.sqrt(2 * min.getValue() / observed.length);
        System.out.printf(Locale.ROOT, "%nnon-linear conjugate gradients on the exact gradient: %d iterations, %d "
                        + "evaluations, %.0f ms, RMS residual %.6f (Levenberg-Marquardt: %.6f)%n",
                cg.getIterations(), cg.getEvaluations(), ms, rms, a.getRMS());
        if (Math.abs(a.getRMS() - b.getRMS()) > 1e-6 || maxDifference(a.getPoint().toArray(), TRUTH) > 0.5) {
            System.err.println("the fits disagree");
            System.exit(1);
        }
    }

    /** Fits {@link #REPEATS} times (after as many to warm up) and prints the median time. */
    private static Optimum report(String name, MultivariateJacobianFunction model, double[] observed) {
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(model)
                .target(observed)
                .start(START)
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build();
        Optimum optimum = null;
        double[] times = new double[REPEATS];
        for (int r = -REPEATS; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
            if (r >= 0) {
                times[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%-26s%10d  %11d  %9.2f ms  %.9f%n", name, optimum.getIterations(),
                optimum.getEvaluations(), times[REPEATS / 2], optimum.getRMS());
        return optimum;
    }

    /**
     * The model with its Jacobian by central differences: each column is the derivative along one
     * parameter, from Hipparchus' differentiator (two runs of the model at ±h/2, h = ∛ε·max(1, |pⱼ|)).
     */
    private static MultivariateJacobianFunction finiteDifferences() {
        DSFactory one = new DSFactory(1, 1);
        return point -> {
            double[] p = point.toArray();
            double[] value = PredatorPrey.observe(p);
            double[][] jacobian = new double[value.length][p.length];
            for (int j = 0; j < p.length; j++) {
                int column = j;
                UnivariateVectorFunction along = t -> {
                    double[] q = p.clone();
                    q[column] += t;
                    return PredatorPrey.observe(q);
                };
                double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(p[j]));
                UnivariateDifferentiableVectorFunction d = new FiniteDifferencesDifferentiator(2, h)
                        .differentiate(along);
                DerivativeStructure[] derivative = d.value(one.variable(0, 0.0));
                for (int i = 0; i < value.length; i++) {
                    jacobian[i][j] = derivative[i].getPartialDerivative(1);
                }
            }
            RealVector v = new ArrayRealVector(value, false);
            RealMatrix m = new Array2DRowRealMatrix(jacobian, false);
            return new Pair<>(v, m);
        };
    }

    private static double relativeDifference(double[][] a, double[][] b) {
        double largest = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                largest = Math.max(largest, Math.abs(b[i][j]));
                diff = Math.max(diff, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return diff / largest;
    }

    private static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static String format(double[] p) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < p.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", p[i]));
        }
        return sb.append(']').toString();
    }
}
