package dev.cotangent.hipparchus;

import dev.cotangent.AD;
import dev.cotangent.GradientFunction;

import org.hipparchus.optim.OptimizationData;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;

/**
 * A woven {@code double[] → double} method as the objective and the exact gradient that
 * Hipparchus' gradient-based optimisers take ({@code NonLinearConjugateGradientOptimizer}):
 *
 * <pre>{@code
 * ExactGradient f = ExactGradient.of(Model::sumOfSquares);
 * PointValuePair min = new NonLinearConjugateGradientOptimizer(Formula.POLAK_RIBIERE, checker)
 *         .optimize(f.objective(), f.gradient(), GoalType.MINIMIZE, new InitialGuess(start),
 *                   new MaxEval(10_000));
 * }</pre>
 *
 * <p>The gradient is computed in reverse mode, one forward and one reverse sweep whatever the
 * number of parameters, by the {@link GradientFunction} of {@code f}. {@code f} is a method
 * reference ({@code Model::f}, or {@code model::f} bound to an instance holding data in its
 * fields); the point passed in is never modified.
 *
 * @param objective the value, as Hipparchus' {@link ObjectiveFunction}
 * @param gradient  the exact gradient, as Hipparchus' {@link ObjectiveFunctionGradient}
 * @since 0.2
 */
public record ExactGradient(ObjectiveFunction objective, ObjectiveFunctionGradient gradient) {

    /**
     * @throws IllegalArgumentException if {@code f} is not a method reference, or refers to a JDK method
     * @throws dev.cotangent.NotDifferentiableException if the method cannot be differentiated
     * @throws IllegalStateException if its derivatives were not woven and no weaver is on the class path
     */
    public static ExactGradient of(AD.MultivariateFunction f) {
        GradientFunction g = AD.gradientFunction(f);
        return new ExactGradient(new ObjectiveFunction(g::value), new ObjectiveFunctionGradient(g::gradient));
    }

    /** Both, to pass to {@code optimize(...)} beside the goal, the start and the limits. */
    public OptimizationData[] both() {
        return new OptimizationData[] {objective, gradient};
    }
}
