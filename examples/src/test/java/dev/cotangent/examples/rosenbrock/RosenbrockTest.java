package dev.cotangent.examples.rosenbrock;

import dev.cotangent.AD;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RosenbrockTest {

    @Test
    void wovenGradientEqualsTheHandWrittenOne() {
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-2, 2);
        }
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            expected[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            expected[i + 1] += 200 * a;
        }
        double[] gradient = AD.gradient(Rosenbrock::rosenbrock, x);
        for (int i = 0; i < x.length; i++) {
            assertThat(gradient[i]).isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void lbfgsReachesTheMinimumInAThousandDimensions() {
        Lbfgs.Result r = Rosenbrock.minimize(1000, false);
        assertThat(r.converged()).isTrue();
        assertThat(r.value()).isLessThan(1e-12);
        for (double xi : r.x()) {
            assertThat(xi).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void lbfgsStopsAtItsIterationLimit() {
        Lbfgs.Result r = new Lbfgs(5, 1e-12, 3).minimize(AD.gradientFunction(Rosenbrock::rosenbrock),
                Rosenbrock.start(10), null);
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(3);
    }
}
