package dev.cotangent.bench;

import dev.cotangent.AD;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's baselines compute what the woven derivatives compute. */
class RosenbrockTest {

    @Test
    void wovenHandWrittenAndHipparchusDerivativesAgree() {
        double[] x = RosenbrockBench.point(1, 40);
        double[] dx = RosenbrockBench.point(2, 40);
        double[] woven = AD.gradient(Rosenbrock::value, x);
        double[] hand = new double[x.length];
        assertThat(Rosenbrock.valueAndGradient(x, hand)).isEqualTo(Rosenbrock.value(x));
        double[] forward = Rosenbrock.hipparchusGradient(x);
        double directional = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(hand[i]).isCloseTo(woven[i], within(1e-9));
            assertThat(forward[i]).isCloseTo(woven[i], within(1e-9));
            directional += woven[i] * dx[i];
        }
        assertThat(AD.jvp((AD.MultivariateFunction) Rosenbrock::value, x, dx)).isCloseTo(directional, within(1e-9));
        assertThat(Rosenbrock.tangent(x, dx)).isCloseTo(directional, within(1e-9));
        assertThat(Rosenbrock.hipparchusTangent(x, dx)).isCloseTo(directional, within(1e-9));
    }
}
