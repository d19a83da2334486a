package dev.cotangent.hipparchus;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExactGradientTest {

    @Test
    void gradientEqualsTheClosedFormAndValueTheFunction() {
        double[] x = {-1.2, 1.0, 0.5, 0.3};
        ExactGradient f = ExactGradient.of(Models::rosenbrock);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            expected[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            expected[i + 1] += 200 * a;
        }
        assertThat(f.gradient().getObjectiveFunctionGradient().value(x)).containsExactly(expected, within(1e-12));
        assertThat(f.objective().getObjectiveFunction().value(x)).isEqualTo(Models.rosenbrock(x));
        assertThat(x).containsExactly(-1.2, 1.0, 0.5, 0.3);
    }

    @Test
    void nonLinearConjugateGradientsReachRosenbrocksMinimum() {
        ExactGradient f = ExactGradient.of(Models::rosenbrock);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-16, 1e-16));
        PointValuePair min = optimizer.optimize(f.objective(), f.gradient(), GoalType.MINIMIZE,
                new InitialGuess(new double[] {-1.2, 1.0, -0.5, 0.8}), new MaxEval(100_000));
        assertThat(min.getPoint()).containsExactly(new double[] {1, 1, 1, 1}, within(1e-5));
        assertThat(min.getValue()).isLessThan(1e-10);
    }
}
