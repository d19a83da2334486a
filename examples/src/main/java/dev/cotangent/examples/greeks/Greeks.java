package dev.cotangent.examples.greeks;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.ValueAndGradient;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Option Greeks by adjoint algorithmic differentiation ("AAD"): the Monte Carlo pricer is
 * plain Java, and all its sensitivities come from one reverse sweep per batch of paths, at a
 * cost that does not grow with the number of inputs. Shown next to the two usual references:
 * the closed-form Black–Scholes Greeks, and bump-and-reprice finite differences (two extra
 * pricings per input).
 *
 * <p>Standard errors come from independent batches of paths: each batch gives its own price
 * and Greeks, and the spread between batches measures the Monte Carlo noise. The example
 * fails (exit code 1) unless every adjoint Black–Scholes Greek is within three standard
 * errors of the closed form.
 */
public final class Greeks {

    static final String[] BLACK_SCHOLES_ROWS = {"price", "delta", "vega", "rho", "theta", "dC/dK"};
    /** Price, then ∂/∂ each Heston input in the order of {@link Heston#NAMES}. */
    static final String[] HESTON_ROWS = {"price", "delta", "dC/dK", "rho", "theta (−∂T)", "∂/∂v0", "∂/∂κ", "∂/∂θ",
        "∂/∂ξ", "∂/∂ρ"};
    static final double SPOT = 100;
    static final double STRIKE = 100;
    static final double RATE = 0.05;
    static final double VOL = 0.2;
    static final double MATURITY = 1;

    /** Mean and standard error of the mean over independent batches, per quantity. */
    record Estimate(double[] mean, double[] standardError) {

        static Estimate of(double[][] batches) {
            int b = batches.length;
            int n = batches[0].length;
            double[] mean = new double[n];
            double[] error = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                double ss = 0;
                for (double[] batch : batches) {
                    s += batch[i];
                    ss += batch[i] * batch[i];
                }
                mean[i] = s / b;
                error[i] = Math.sqrt(Math.max(0, ss / b - mean[i] * mean[i]) / (b - 1));
            }
            return new Estimate(mean, error);
        }
    }

    /** The three ways to the Black–Scholes Greeks, and what each took (nanoseconds). */
    record BlackScholesReport(double[] closedForm, Estimate adjoint, double[] bumped, long closedFormNanos,
                              long adjointNanos, long bumpedNanos) {

        /** Whether every adjoint estimate is within three standard errors of the closed form. */
        boolean agrees() {
            for (int i = 0; i < closedForm.length; i++) {
                if (Math.abs(adjoint.mean()[i] - closedForm[i]) > 3 * adjoint.standardError()[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The Heston price and sensitivities by adjoint and by bumping, and what each took. */
    record HestonReport(Estimate adjoint, double[] bumped, long adjointNanos, long bumpedNanos) {}

    private Greeks() {}

    static BlackScholesReport blackScholes(int batches, int pathsPerBatch, long seed) {
        BlackScholes.MonteCarlo[] pricers = new BlackScholes.MonteCarlo[batches];
        for (int b = 0; b < batches; b++) {
            pricers[b] = new BlackScholes.MonteCarlo(pathsPerBatch, seed + b);
        }
        // The reflective form: the receiver first, then the five inputs; the gradient has one
        // entry per argument (null for the receiver, which is not differentiated).
        DifferentiableFunction price = AD.function(BlackScholes.MonteCarlo.class, "price",
                double.class, double.class, double.class, double.class, double.class);
        price.gradient(pricers[0], SPOT, STRIKE, RATE, VOL, MATURITY); // warm up, untimed

        long start = System.nanoTime();
        double[] closedForm = BlackScholes.closedForm(SPOT, STRIKE, RATE, VOL, MATURITY);
        long closedFormNanos = System.nanoTime() - start;

        double[][] perBatch = new double[batches][];
        long adjointNanos = 0;
        for (int b = 0; b < batches; b++) {
            double value = pricers[b].price(SPOT, STRIKE, RATE, VOL, MATURITY);
            start = System.nanoTime();
            Object[] g = price.gradient(pricers[b], SPOT, STRIKE, RATE, VOL, MATURITY);
            adjointNanos += System.nanoTime() - start;
            // {receiver, ∂/∂spot, ∂/∂strike, ∂/∂rate, ∂/∂vol, ∂/∂maturity}
            perBatch[b] = new double[] {value, (Double) g[1], (Double) g[4], (Double) g[3], -(Double) g[5],
                    (Double) g[2]};
        }

        // Bump and reprice: central differences over all paths, the same draws up and down.
        double[] inputs = {SPOT, STRIKE, RATE, VOL, MATURITY};
        double[] steps = {0.01, 0.01, 1e-4, 1e-4, 1e-4};
        ToDoubleFunction<double[]> fullPrice = x -> {
            double s = 0;
            for (BlackScholes.MonteCarlo p : pricers) {
                s += p.price(x[0], x[1], x[2], x[3], x[4]);
            }
            return s / batches;
        };
        start = System.nanoTime();
        double[] d = centralDifferences(fullPrice, inputs, steps);
        long bumpedNanos = System.nanoTime() - start;
        double[] bumped = {fullPrice.applyAsDouble(inputs), d[0], d[3], d[2], -d[4], d[1]};
        return new BlackScholesReport(closedForm, Estimate.of(perBatch), bumped, closedFormNanos, adjointNanos,
                bumpedNanos);
    }

    static HestonReport heston(int batches, int pathsPerBatch, int steps, long seed) {
        double[] inputs = new double[Heston.NAMES.length];
        inputs[Heston.SPOT] = SPOT;
        inputs[Heston.STRIKE] = STRIKE;
        inputs[Heston.RATE] = 0.03;
        inputs[Heston.MATURITY] = MATURITY;
        inputs[Heston.V0] = 0.04;
        inputs[Heston.KAPPA] = 1.5;
        inputs[Heston.THETA] = 0.04;
        inputs[Heston.XI] = 0.3;
        inputs[Heston.RHO] = -0.7;
        Heston[] pricers = new Heston[batches];
        for (int b = 0; b < batches; b++) {
            pricers[b] = new Heston(pathsPerBatch, steps, seed + b);
        }
        AD.valueAndGradient(pricers[0]::price, inputs); // warm up, untimed

        double[][] perBatch = new double[batches][];
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            // The typed form: a method reference, bound to this batch's pricer.
            ValueAndGradient vg = AD.valueAndGradient(pricers[b]::price, inputs);
            perBatch[b] = withValue(vg.value(), vg.gradient());
        }
        long adjointNanos = System.nanoTime() - start;

        ToDoubleFunction<double[]> fullPrice = x -> {
            double s = 0;
            for (Heston p : pricers) {
                s += p.price(x);
            }
            return s / batches;
        };
        double[] bumps = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            bumps[i] = 1e-4 * Math.max(1, Math.abs(inputs[i]));
        }
        start = System.nanoTime();
        double[] d = centralDifferences(fullPrice, inputs, bumps);
        long bumpedNanos = System.nanoTime() - start;
        return new HestonReport(Estimate.of(perBatch), withValue(fullPrice.applyAsDouble(inputs), d), adjointNanos,
                bumpedNanos);
    }

    /** (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ for each input i: two pricings per input. */
    static double[] centralDifferences(ToDoubleFunction<double[]> f, double[] x, double[] h) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h[i];
            down[i] -= h[i];
            d[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h[i]);
        }
        return d;
    }

    private static double[] withValue(double value, double[] gradient) {
        double[] row = new double[gradient.length + 1];
        row[0] = value;
        System.arraycopy(gradient, 0, row, 1, gradient.length);
        return row;
    }

    static String time(long nanos) {
        return nanos < 1_000_000 ? String.format("%.3f ms", nanos / 1e6) : String.format("%.1f ms", nanos / 1e6);
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT); // a decimal point in every locale
        int batches = 20;
        int paths = 10_000;
        BlackScholesReport bs = blackScholes(batches, paths, 2024);
        System.out.printf("Black–Scholes call: S=%.0f K=%.0f r=%.0f%% σ=%.0f%% T=%.0fy; Monte Carlo with %d batches × "
                + "%,d paths%n%n", SPOT, STRIKE, RATE * 100, VOL * 100, MATURITY, batches, paths);
        System.out.printf("%-8s %12s %12s %10s %10s %14s%n", "", "closed form", "adjoint MC", "std err",
                "diff/se", "bump&reprice");
        for (int i = 0; i < BLACK_SCHOLES_ROWS.length; i++) {
            double se = bs.adjoint().standardError()[i];
            System.out.printf("%-8s %12.4f %12.4f %10.4f %+10.2f %14.4f%n", BLACK_SCHOLES_ROWS[i], bs.closedForm()[i],
                    bs.adjoint().mean()[i], se, (bs.adjoint().mean()[i] - bs.closedForm()[i]) / se, bs.bumped()[i]);
        }
        System.out.printf("%-8s %12s %12s %10s %10s %14s%n", "time", time(bs.closedFormNanos()),
                time(bs.adjointNanos()), "", "", time(bs.bumpedNanos()));
        System.out.printf("(adjoint: one gradient per batch, %d in all; bump & reprice: 10 repricings of all paths)%n",
                batches);
        System.out.println("adjoint Greeks within 3 standard errors of the closed form: " + (bs.agrees() ? "yes" : "NO"));

        int hestonBatches = 20;
        int hestonPaths = 2_000;
        int steps = 50;
        HestonReport h = heston(hestonBatches, hestonPaths, steps, 7);
        System.out.printf("%nHeston call: S=100 K=100 r=3%% T=1y v0=0.04 κ=1.5 θ=0.04 ξ=0.3 ρ=−0.7; Euler with full "
                + "truncation,%n%d steps; %d batches × %,d paths%n%n", steps, hestonBatches, hestonPaths);
        System.out.printf("%-12s %12s %10s %14s%n", "", "adjoint MC", "std err", "bump&reprice");
        for (int i = 0; i < h.bumped().length; i++) {
            // Report theta as −∂/∂T, as for Black–Scholes.
            double sign = i == Heston.MATURITY + 1 ? -1 : 1;
            System.out.printf("%-12s %12.4f %10.4f %14.4f%n", HESTON_ROWS[i], sign * h.adjoint().mean()[i],
                    h.adjoint().standardError()[i], sign * h.bumped()[i]);
        }
        System.out.printf("%-12s %12s %10s %14s%n", "time", time(h.adjointNanos()), "", time(h.bumpedNanos()));
        System.out.printf("(adjoint: one gradient per batch, %d in all; bump & reprice: 18 repricings of all paths)%n",
                hestonBatches);
        if (!bs.agrees()) {
            System.err.println("greeks: the adjoint Black–Scholes Greeks disagree with the closed form");
            System.exit(1);
        }
    }
}
