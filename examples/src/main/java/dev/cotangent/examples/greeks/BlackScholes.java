package dev.cotangent.examples.greeks;

import dev.cotangent.Differentiable;

import java.util.Random;

/**
 * A European call under Black–Scholes, two ways: the closed form with its textbook Greeks,
 * and a Monte Carlo pricer whose Greeks Cotangent derives from the pricing code.
 */
final class BlackScholes {

    private BlackScholes() {}

    /** The closed-form price and Greeks, in the order of {@link Greeks#BLACK_SCHOLES_ROWS}. */
    static double[] closedForm(double spot, double strike, double rate, double vol, double maturity) {
        double sqrtT = Math.sqrt(maturity);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * maturity) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        double discount = Math.exp(-rate * maturity);
        double price = spot * cdf(d1) - strike * discount * cdf(d2);
        double delta = cdf(d1);
        double vega = spot * pdf(d1) * sqrtT;
        double rho = strike * maturity * discount * cdf(d2);
        // Theta is the change as time passes, −∂C/∂T.
        double theta = -spot * pdf(d1) * vol / (2 * sqrtT) - rate * strike * discount * cdf(d2);
        double dStrike = -discount * cdf(d2);
        return new double[] {price, delta, vega, rho, theta, dStrike};
    }

    static double pdf(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /**
     * The standard normal distribution function, by G. Marsaglia's Taylor series about zero
     * ("Evaluating the Normal Distribution", J. Stat. Software 11(4), 2004): absolute error
     * about 1e-15, enough here and short enough to read.
     */
    static double cdf(double x) {
        if (x < -8) {
            return 0;
        }
        if (x > 8) {
            return 1;
        }
        double sum = x;
        double term = x;
        double previous = 0;
        for (int i = 3; sum != previous; i += 2) {
            previous = sum;
            term *= x * x / i;
            sum += term;
        }
        return 0.5 + sum * pdf(x);
    }

    /**
     * The Monte Carlo price of the call over a fixed set of standard normal draws, one per
     * path: S_T = S·exp((r − σ²/2)T + σ√T·Z), price = e^{−rT}·mean(max(S_T − K, 0)).
     * Holding the draws fixed makes the price a deterministic, almost everywhere smooth
     * function of the five market inputs, and its gradient is the pathwise estimate of all
     * five Greeks at once.
     */
    static final class MonteCarlo {

        /** Read by the derivative code but never differentiated: fields are constants to it. */
        private final double[] normals;

        MonteCarlo(int paths, long seed) {
            Random random = new Random(seed);
            normals = new double[paths];
            for (int i = 0; i < paths; i++) {
                normals[i] = random.nextGaussian();
            }
        }

        @Differentiable
        double price(double spot, double strike, double rate, double vol, double maturity) {
            double drift = (rate - 0.5 * vol * vol) * maturity;
            double diffusion = vol * Math.sqrt(maturity);
            double sum = 0;
            for (double z : normals) {
                double terminal = spot * Math.exp(drift + diffusion * z);
                // The payoff's kink is no problem: its derivative is 1 or 0 on each path.
                sum += Math.max(terminal - strike, 0);
            }
            return Math.exp(-rate * maturity) * sum / normals.length;
        }
    }
}
