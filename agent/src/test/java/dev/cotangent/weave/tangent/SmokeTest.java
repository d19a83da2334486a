package dev.cotangent.weave.tangent;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SmokeTest {

    @Differentiable
    static double f(double x) {
        return x * x * Math.sin(x);
    }

    @Differentiable
    static double rosen(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    @Test
    void scalar() {
        double x = 1.3;
        double expected = 2 * x * Math.sin(x) + x * x * Math.cos(x);
        assertThat(AD.derivative(SmokeTest::f, x)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void rosenbrock() {
        double[] x = {0.5, -1.2, 2.0};
        double[] g = AD.gradient(SmokeTest::rosen, x);
        double[] expected = {
                -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]),
                200 * (x[1] - x[0] * x[0]) - 400 * x[1] * (x[2] - x[1] * x[1]) - 2 * (1 - x[1]),
                200 * (x[2] - x[1] * x[1])};
        for (int i = 0; i < 3; i++) {
            assertThat(g[i]).isCloseTo(expected[i], within(1e-9));
        }
    }
}
