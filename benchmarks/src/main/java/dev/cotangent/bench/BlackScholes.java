package dev.cotangent.bench;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

import java.util.SplittableRandom;

/**
 * A European call priced by Monte Carlo over fixed standard normals {@code z}:
 * {@code C = e^{−rT} · mean(max(S·exp((r − σ²/2)T + σ√T·z) − K, 0))}. Parameters are
 * {@code p = {S, K, r, σ, T}}, so one gradient gives all five Greeks (pathwise: the payoff's
 * kink at {@code S_T = K} has probability zero).
 */
public final class BlackScholes {

    /** Indices into the parameter array. */
    public static final int S = 0;
    public static final int K = 1;
    public static final int R = 2;
    public static final int SIGMA = 3;
    public static final int T = 4;

    private BlackScholes() {}

    /** The usual test point: at the money, one year. */
    public static double[] parameters() {
        return new double[] {100, 100, 0.05, 0.2, 1.0};
    }

    /** {@code n} standard normals, the same for the same seed on every JVM (Marsaglia's polar method). */
    public static double[] normals(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; ) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s >= 1 || s == 0) {
                continue;
            }
            double f = Math.sqrt(-2 * Math.log(s) / s);
            z[i++] = u * f;
            if (i < n) {
                z[i++] = v * f;
            }
        }
        return z;
    }

    /** The price; woven. The normals are data, so no derivative flows into them. */
    @Differentiable
    public static double price(double[] p, double[] normals) {
        double[] z = AD.stopGradient(normals);
        double s = p[S];
        double k = p[K];
        double r = p[R];
        double sigma = p[SIGMA];
        double t = p[T];
        double drift = (r - 0.5 * sigma * sigma) * t;
        double vol = sigma * Math.sqrt(t);
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double st = s * Math.exp(drift + vol * z[i]);
            sum += Math.max(st - k, 0.0);
        }
        return Math.exp(-r * t) * sum / z.length;
    }

    /** The price, with the five Greeks written into {@code g}: the adjoint by hand, one pass. */
    public static double priceAndGreeks(double[] p, double[] z, double[] g) {
        double s = p[S];
        double k = p[K];
        double r = p[R];
        double sigma = p[SIGMA];
        double t = p[T];
        double sqrtT = Math.sqrt(t);
        double drift = (r - 0.5 * sigma * sigma) * t;
        double vol = sigma * sqrtT;
        // Adjoints of the path-independent intermediates, accumulated over the paths.
        double sum = 0;
        double sumSt = 0;
        double sumStZ = 0;
        double sumK = 0;
        for (double zi : z) {
            double st = s * Math.exp(drift + vol * zi);
            if (st > k) {
                sum += st - k;
                sumSt += st;
                sumStZ += st * zi;
                sumK += 1;
            }
        }
        double n = z.length;
        double disc = Math.exp(-r * t);
        double price = disc * sum / n;
        // st depends on s, drift and vol: ∂st/∂s = st/s, ∂st/∂drift = st, ∂st/∂vol = st·z.
        double stBar = disc / n;
        double driftBar = stBar * sumSt;
        double volBar = stBar * sumStZ;
        g[S] = stBar * sumSt / s;
        g[K] = -stBar * sumK;
        g[R] = driftBar * t - t * price;
        g[SIGMA] = driftBar * (-sigma * t) + volBar * sqrtT;
        g[T] = driftBar * (r - 0.5 * sigma * sigma) + volBar * sigma * 0.5 / sqrtT - r * price;
        return price;
    }

    /** The price on Hipparchus's forward-mode numbers (one free parameter per entry of {@code p}'s derivatives). */
    public static Gradient price(Gradient[] p, double[] z) {
        Gradient s = p[S];
        Gradient k = p[K];
        Gradient r = p[R];
        Gradient sigma = p[SIGMA];
        Gradient t = p[T];
        Gradient drift = r.subtract(sigma.square().multiply(0.5)).multiply(t);
        Gradient vol = sigma.multiply(t.sqrt());
        Gradient sum = s.getField().getZero();
        for (double zi : z) {
            Gradient st = s.multiply(drift.add(vol.multiply(zi)).exp());
            if (st.getValue() > k.getValue()) {
                sum = sum.add(st.subtract(k));
            }
        }
        return r.multiply(t).negate().exp().multiply(sum).divide(z.length);
    }

    /** All five Greeks by Hipparchus forward mode. */
    public static double[] hipparchusGreeks(double[] p, double[] z) {
        Gradient[] v = new Gradient[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Gradient.variable(p.length, i, p[i]);
        }
        return price(v, z).getGradient();
    }

    /** The tangent along {@code dp} by Hipparchus forward mode. */
    public static double hipparchusTangent(double[] p, double[] dp, double[] z) {
        Gradient[] v = new Gradient[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = new Gradient(p[i], dp[i]);
        }
        return price(v, z).getPartialDerivative(0);
    }
}
