package dev.cotangent.bench;

import dev.cotangent.AD;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

import static dev.cotangent.bench.BlackScholes.K;
import static dev.cotangent.bench.BlackScholes.R;
import static dev.cotangent.bench.BlackScholes.S;
import static dev.cotangent.bench.BlackScholes.SIGMA;
import static dev.cotangent.bench.BlackScholes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Greeks of the Monte Carlo pricer from one woven gradient against Black and Scholes's
 * closed form, within three Monte Carlo standard errors; each standard error is estimated
 * from the per-path (pathwise) derivatives, written out here independently of the pricer.
 */
class BlackScholesTest {

    private static final int PATHS = BlackScholesBench.PATHS;
    private static final String[] NAMES = {"delta dC/dS", "dC/dK", "rho dC/dr", "vega dC/dσ", "dC/dT (−theta)"};

    /** The standard normal distribution function. */
    private static double cdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** dC/dS, dC/dK, dC/dr, dC/dσ, dC/dT of the Black-Scholes call. */
    private static double[] closedForm(double[] p) {
        double s = p[S];
        double k = p[K];
        double r = p[R];
        double sigma = p[SIGMA];
        double t = p[T];
        double sqrtT = Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * sqrtT);
        double d2 = d1 - sigma * sqrtT;
        double disc = Math.exp(-r * t);
        return new double[] {
            cdf(d1),
            -disc * cdf(d2),
            k * t * disc * cdf(d2),
            s * density(d1) * sqrtT,
            s * density(d1) * sigma / (2 * sqrtT) + r * k * disc * cdf(d2),
        };
    }

    /** Each path's derivatives of its discounted payoff: one row per path. */
    private static double[][] pathwise(double[] p, double[] z) {
        double s = p[S];
        double k = p[K];
        double r = p[R];
        double sigma = p[SIGMA];
        double t = p[T];
        double disc = Math.exp(-r * t);
        double[][] d = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double st = s * Math.exp((r - 0.5 * sigma * sigma) * t + sigma * Math.sqrt(t) * z[i]);
            if (st <= k) {
                d[i] = new double[5];
                continue;
            }
            d[i] = new double[] {
                disc * st / s,
                -disc,
                disc * k * t,
                disc * st * (Math.sqrt(t) * z[i] - sigma * t),
                -r * disc * (st - k) + disc * st * (r - 0.5 * sigma * sigma + sigma * z[i] / (2 * Math.sqrt(t))),
            };
        }
        return d;
    }

    @Test
    void greeksFromOneGradientMatchTheClosedFormWithinThreeStandardErrors() {
        double[] p = BlackScholes.parameters();
        double[] z = BlackScholes.normals(42, PATHS);
        double[] woven = (double[]) AD.function(BlackScholes.class, "price", double[].class, double[].class)
                .gradient(p, z)[0];
        double[] exact = closedForm(p);
        double[][] paths = pathwise(p, z);
        for (int g = 0; g < 5; g++) {
            double mean = 0;
            for (double[] path : paths) {
                mean += path[g];
            }
            mean /= PATHS;
            double squares = 0;
            for (double[] path : paths) {
                squares += (path[g] - mean) * (path[g] - mean);
            }
            double standardError = Math.sqrt(squares / (PATHS - 1) / PATHS);
            assertThat(woven[g]).as("%s: the woven gradient is the mean of the pathwise derivatives", NAMES[g])
                    .isCloseTo(mean, within(1e-10 * (1 + Math.abs(mean))));
            assertThat(woven[g]).as("%s: %s vs closed form %s, standard error %s", NAMES[g], woven[g], exact[g],
                    standardError).isCloseTo(exact[g], within(3 * standardError));
        }
    }

    @Test
    void theBenchmarkedSweepsAndTheHandWrittenAdjointAgreeWithTheReflectiveGradient() throws Throwable {
        double[] p = BlackScholes.parameters();
        double[] z = BlackScholes.normals(7, 10_000);
        Object[] reflective = AD.function(BlackScholes.class, "price", double[].class, double[].class).gradient(p, z);
        double[] fast = new double[5];
        double price = BlackScholesBench.gradient(p, z, new double[z.length], fast);
        double[] hand = new double[5];
        double handPrice = BlackScholes.priceAndGreeks(p, z, hand);
        assertThat(price).isEqualTo(BlackScholes.price(p, z));
        assertThat(handPrice).isCloseTo(price, within(1e-12 * price));
        assertThat(fast).containsExactly((double[]) reflective[0], within(0.0));
        assertThat(reflective[1]).as("no derivative flows into the normals").isEqualTo(new double[z.length]);
        for (int g = 0; g < 5; g++) {
            assertThat(hand[g]).as(NAMES[g]).isCloseTo(fast[g], within(1e-10 * (1 + Math.abs(fast[g]))));
        }
        double[] forward = BlackScholes.hipparchusGreeks(p, z);
        for (int g = 0; g < 5; g++) {
            assertThat(forward[g]).as(NAMES[g]).isCloseTo(fast[g], within(1e-10 * (1 + Math.abs(fast[g]))));
        }
    }
}
