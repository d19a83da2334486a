package dev.cotangent.examples.greeks;

import dev.cotangent.Differentiable;

import java.util.Random;

/**
 * A European call under the Heston stochastic-volatility model, priced by Monte Carlo:
 * <pre>
 *   dS = r·S dt + √v·S dW₁,   dv = κ(θ − v) dt + ξ√v dW₂,   dW₁·dW₂ = ρ dt
 * </pre>
 * discretised with Euler steps on log S and "full truncation" (Lord, Koekkoek, van Dijk,
 * 2010): the variance may go negative between steps, but only max(v, 0) enters the drift
 * and the volatility. The draws are fixed in advance, so the price is a deterministic function
 * of the nine model inputs and one gradient gives all nine sensitivities.
 */
final class Heston {

    /** Positions of the inputs in the parameter vector {@link #price} takes. */
    static final int SPOT = 0;
    static final int STRIKE = 1;
    static final int RATE = 2;
    static final int MATURITY = 3;
    static final int V0 = 4;
    static final int KAPPA = 5;
    static final int THETA = 6;
    static final int XI = 7;
    static final int RHO = 8;
    static final String[] NAMES = {"spot", "strike", "rate", "maturity", "v0", "kappa", "theta", "xi", "rho"};

    /** Independent standard normal draws, [path][step], for the price and the variance. */
    private final double[][] z1;
    private final double[][] z2;

    Heston(int paths, int steps, long seed) {
        Random random = new Random(seed);
        z1 = new double[paths][steps];
        z2 = new double[paths][steps];
        for (int p = 0; p < paths; p++) {
            for (int s = 0; s < steps; s++) {
                z1[p][s] = random.nextGaussian();
                z2[p][s] = random.nextGaussian();
            }
        }
    }

    /**
     * The discounted mean payoff. A {@code double[]} of inputs lets the typed API
     * ({@code AD.valueAndGradient(heston::price, inputs)}) return the price and its gradient
     * from one forward and one reverse sweep.
     */
    @Differentiable
    double price(double[] inputs) {
        double spot = inputs[SPOT];
        double strike = inputs[STRIKE];
        double rate = inputs[RATE];
        double maturity = inputs[MATURITY];
        double v0 = inputs[V0];
        double kappa = inputs[KAPPA];
        double theta = inputs[THETA];
        double xi = inputs[XI];
        double rho = inputs[RHO];

        int steps = z1[0].length;
        double dt = maturity / steps;
        double sqrtDt = Math.sqrt(dt);
        double rhoBar = Math.sqrt(1 - rho * rho);
        double logSpot = Math.log(spot);
        double sum = 0;
        for (int p = 0; p < z1.length; p++) {
            double x = logSpot;
            double v = v0;
            for (int s = 0; s < steps; s++) {
                // Full truncation, written as branches rather than Math.max(v, 0) followed by
                // Math.sqrt: where v ≤ 0 the branch makes the volatility a constant 0, so no
                // derivative flows through √0, whose slope is infinite.
                double vPlus = v > 0 ? v : 0;
                double sigma = v > 0 ? Math.sqrt(v) : 0;
                double w1 = z1[p][s];
                double w2 = rho * w1 + rhoBar * z2[p][s];
                x += (rate - 0.5 * vPlus) * dt + sigma * sqrtDt * w1;
                v += kappa * (theta - vPlus) * dt + xi * sigma * sqrtDt * w2;
            }
            sum += Math.max(Math.exp(x) - strike, 0);
        }
        return Math.exp(-rate * maturity) * sum / z1.length;
    }
}
