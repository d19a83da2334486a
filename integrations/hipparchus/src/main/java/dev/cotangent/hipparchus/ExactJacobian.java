package dev.cotangent.hipparchus;

import dev.cotangent.AD;
import dev.cotangent.Pullback;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.ValueAndJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * A woven {@code double[] → double[]} method as the model of a Hipparchus least-squares
 * problem, with its exact Jacobian: give it to {@link LeastSquaresBuilder#model} and solve with
 * the {@code LevenbergMarquardtOptimizer} or the {@code GaussNewtonOptimizer}.
 *
 * <pre>{@code
 * LeastSquaresProblem problem = new LeastSquaresBuilder()
 *         .model(ExactJacobian.of(Kinetics::concentrations))
 *         .target(observed).start(guess)
 *         .maxEvaluations(1000).maxIterations(1000)
 *         .build();
 * Optimum fit = new LevenbergMarquardtOptimizer().optimize(problem);
 * }</pre>
 *
 * <p>The Jacobian of a model with {@code n} parameters and {@code m} outputs is computed in
 * forward mode, one tangent sweep per parameter (a column each), when {@code n ≤ m} — the usual
 * shape of a fit, few parameters and many observations — and in reverse mode otherwise: one
 * forward sweep, then one reverse sweep per output (a row each). {@link #forwardMode()} and
 * {@link #reverseMode()} fix the choice. In forward mode the value costs one more run of the
 * model; in reverse mode it comes from the forward sweep.
 *
 * <p>The model is a method reference ({@code Model::f}, or {@code model::f} bound to an
 * instance whose fields hold data): the method it names is differentiated, with the derivatives
 * the Maven plugin or the agent wove, and what it captured is passed along as data. A lambda's
 * body is not woven ahead of time; it works only with the weaver on the class path. The point is
 * never modified. Thread-safe: calls may run in parallel.
 *
 * @since 0.2
 */
public final class ExactJacobian implements ValueAndJacobianFunction {

    /** How the Jacobian is computed. */
    private enum Mode { BY_SHAPE, FORWARD, REVERSE }

    private final MethodReference model;
    private final Mode mode;

    private ExactJacobian(MethodReference model, Mode mode) {
        this.model = model;
        this.mode = mode;
    }

    /**
     * The model {@code f} with its Jacobian, forward or reverse mode by shape.
     *
     * @throws IllegalArgumentException if {@code f} is not a method reference, or refers to a JDK method
     * @throws dev.cotangent.NotDifferentiableException if the method cannot be differentiated
     * @throws IllegalStateException if its derivatives were not woven and no weaver is on the class path
     */
    public static ExactJacobian of(AD.VectorFunction f) {
        return new ExactJacobian(MethodReference.of(f), Mode.BY_SHAPE);
    }

    /** A new function that always computes the Jacobian by columns, one tangent sweep per parameter. */
    public ExactJacobian forwardMode() {
        return new ExactJacobian(model, Mode.FORWARD);
    }

    /** A new function that always computes the Jacobian by rows, one reverse sweep per output. */
    public ExactJacobian reverseMode() {
        return new ExactJacobian(model, Mode.REVERSE);
    }

    /** The model's value and its Jacobian at {@code point}. */
    @Override
    public Pair<RealVector, RealMatrix> value(RealVector point) {
        double[] x = point.toArray();
        if (mode == Mode.REVERSE) {
            return byRows(x);
        }
        double[] y = evaluate(x);
        if (mode == Mode.BY_SHAPE && x.length > y.length) {
            return byRows(x);
        }
        return new Pair<>(new ArrayRealVector(y, false), new Array2DRowRealMatrix(columns(x, y.length), false));
    }

    private Pair<RealVector, RealMatrix> byRows(double[] x) {
        Pullback pullback = model.function().pullback(model.arguments(x));
        if (!(pullback.result() instanceof double[] y)) {
            throw new IllegalArgumentException(model.name() + " does not return a double[]");
        }
        return new Pair<>(new ArrayRealVector(y, false), new Array2DRowRealMatrix(rows(pullback, y.length, x.length),
                false));
    }

    /** The model's value at {@code params}, without the Jacobian (for lazy evaluation). */
    @Override
    public RealVector computeValue(double[] params) {
        return new ArrayRealVector(evaluate(params), false);
    }

    /** The model's Jacobian at {@code params}, without the value (for lazy evaluation). */
    @Override
    public RealMatrix computeJacobian(double[] params) {
        return value(new ArrayRealVector(params, false)).getSecond();
    }

    private double[] evaluate(double[] x) {
        Object y = model.function().value(model.arguments(x.clone()));
        if (!(y instanceof double[] values)) {
            throw new IllegalArgumentException(model.name() + " returned " + y + ", not a double[]");
        }
        return values;
    }

    /** The Jacobian, m × n, one column per tangent sweep. */
    private double[][] columns(double[] x, int m) {
        double[][] jacobian = new double[m][x.length];
        double[] unit = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            unit[j] = 1.0;
            double[] column = (double[]) model.function().jvp(model.arguments(x), model.tangents(unit));
            unit[j] = 0.0;
            for (int i = 0; i < m; i++) {
                jacobian[i][j] = column[i];
            }
        }
        return jacobian;
    }

    /** The Jacobian, m × n, one row per reverse sweep from the one forward sweep. */
    private double[][] rows(Pullback pullback, int m, int n) {
        double[][] jacobian = new double[m][];
        double[] unit = new double[m];
        int x = model.captured().length;
        for (int i = 0; i < m; i++) {
            unit[i] = 1.0;
            double[] row = (double[]) pullback.pull(unit)[x];
            unit[i] = 0.0;
            jacobian[i] = row == null ? new double[n] : row;
        }
        return jacobian;
    }
}
