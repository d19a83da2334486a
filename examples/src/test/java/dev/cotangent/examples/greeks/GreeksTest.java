package dev.cotangent.examples.greeks;

import dev.cotangent.AD;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GreeksTest {

    @Test
    void closedFormMatchesTheTextbook() {
        // Hull's example: S = K = 100, r = 5%, σ = 20%, T = 1 gives a call worth 10.4506.
        double[] c = BlackScholes.closedForm(100, 100, 0.05, 0.2, 1);
        assertThat(c[0]).isCloseTo(10.450584, within(1e-6));
        assertThat(BlackScholes.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-14));
        assertThat(BlackScholes.cdf(-1.0)).isCloseTo(0.15865525393145707, within(1e-14));
    }

    @Test
    void adjointBlackScholesGreeksAreWithinThreeStandardErrorsOfTheClosedForm() {
        Greeks.BlackScholesReport r = Greeks.blackScholes(20, 5_000, 2024);
        for (int i = 0; i < r.closedForm().length; i++) {
            assertThat(Math.abs(r.adjoint().mean()[i] - r.closedForm()[i]))
                    .as(Greeks.BLACK_SCHOLES_ROWS[i])
                    .isLessThanOrEqualTo(3 * r.adjoint().standardError()[i]);
        }
        assertThat(r.agrees()).isTrue();
        // Bumping differentiates the very same Monte Carlo price, so it agrees far more closely.
        for (int i = 0; i < r.closedForm().length; i++) {
            assertThat(r.adjoint().mean()[i]).as(Greeks.BLACK_SCHOLES_ROWS[i])
                    .isCloseTo(r.bumped()[i], within(1e-3 * Math.max(1, Math.abs(r.bumped()[i]))));
        }
    }

    @Test
    void hestonGradientMatchesSmallBumpsOfTheSamePricer() {
        Heston heston = new Heston(50, 20, 11);
        double[] inputs = {100, 100, 0.03, 1, 0.04, 1.5, 0.04, 0.3, -0.7};
        double[] gradient = AD.gradient(heston::price, inputs);
        for (int i = 0; i < inputs.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(inputs[i]));
            double[] up = inputs.clone();
            double[] down = inputs.clone();
            up[i] += h;
            down[i] -= h;
            double bumped = (heston.price(up) - heston.price(down)) / (2 * h);
            assertThat(gradient[i]).as(Heston.NAMES[i]).isCloseTo(bumped, within(1e-4 * Math.max(1, Math.abs(bumped))));
        }
    }
}
