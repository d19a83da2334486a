package dev.cotangent.examples.curvefit;

import dev.cotangent.Differentiable;

/**
 * The Lotka–Volterra model, {@code x′ = αx − βxy} (prey), {@code y′ = δxy − γy} (predators),
 * integrated by the classical Runge–Kutta method in an ordinary loop over time steps, observed
 * every {@link #INTERVAL} time units. Six parameters: α, β, δ, γ and the two initial counts.
 */
public final class PredatorPrey {

    /** Observations, of both species, at t = 0, INTERVAL, 2·INTERVAL, … */
    public static final int OBSERVATIONS = 41;
    public static final double INTERVAL = 0.5;
    /** Runge–Kutta steps between two observations. */
    public static final int STEPS = 25;

    private PredatorPrey() {}

    /** The counts {x(t₀), y(t₀), x(t₁), y(t₁), …} for parameters {α, β, δ, γ, x₀, y₀}. */
    @Differentiable
    public static double[] observe(double[] p) {
        double alpha = p[0];
        double beta = p[1];
        double delta = p[2];
        double gamma = p[3];
        double x = p[4];
        double y = p[5];
        double h = INTERVAL / STEPS;
        double[] out = new double[2 * OBSERVATIONS];
        for (int k = 0; k < OBSERVATIONS; k++) {
            out[2 * k] = x;
            out[2 * k + 1] = y;
            for (int s = 0; s < STEPS; s++) {
                double k1x = prey(alpha, beta, x, y);
                double k1y = predators(delta, gamma, x, y);
                double k2x = prey(alpha, beta, x + h / 2 * k1x, y + h / 2 * k1y);
                double k2y = predators(delta, gamma, x + h / 2 * k1x, y + h / 2 * k1y);
                double k3x = prey(alpha, beta, x + h / 2 * k2x, y + h / 2 * k2y);
                double k3y = predators(delta, gamma, x + h / 2 * k2x, y + h / 2 * k2y);
                double k4x = prey(alpha, beta, x + h * k3x, y + h * k3y);
                double k4y = predators(delta, gamma, x + h * k3x, y + h * k3y);
                x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
                y += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
            }
        }
        return out;
    }

    private static double prey(double alpha, double beta, double x, double y) {
        return alpha * x - beta * x * y;
    }

    private static double predators(double delta, double gamma, double x, double y) {
        return delta * x * y - gamma * y;
    }

    /** Half the sum of squared residuals against {@code observed}, for the conjugate-gradient fit. */
    public record SumOfSquares(double[] observed) {

        @Differentiable
        public double cost(double[] p) {
            double[] y = observe(p);
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                double r = y[i] - observed[i];
                sum += r * r;
            }
            return 0.5 * sum;
        }
    }
}
