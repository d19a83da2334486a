package dev.cotangent.weave.fuzz;

import dev.cotangent.runtime.Values;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;

/**
 * Chooses test arguments at which a program is smooth enough for finite differences: the
 * probe twin of the program must take the same branches (and the same sides of every max,
 * min and abs) at {@code x ± STEP·d} as at {@code x}, for every direction {@code d} that
 * finite differences will step along, and the result must be finite. A point that fails is
 * resampled.
 */
final class SmoothPoints {

    /** The first (largest) finite-difference step. */
    static final double STEP = 1e-3;
    private static final int ATTEMPTS = 12;

    /** Arguments and a random tangent {@code u} (null for int parameters) along which they are smooth. */
    record Point(Object[] args, Object[] tangent) {}

    private SmoothPoints() {}

    /** A smooth point for {@code p}, drawn from {@code random}, or null if none was found. */
    static Point find(Program p, Method probe, SplittableRandom random) throws ReflectiveOperationException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object[] args = arguments(p, random);
            Object[] u = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                if (p.params().get(i).type() != Scope.Type.INT) {
                    u[i] = dev.cotangent.testing.GradCheck.randomLike(args[i], random);
                }
            }
            if (smooth(probe, args, directions(args, u))) {
                return new Point(args, u);
            }
        }
        return null;
    }

    static Object[] arguments(Program p, SplittableRandom random) {
        Object[] args = new Object[p.params().size()];
        for (int i = 0; i < args.length; i++) {
            Program.Param q = p.params().get(i);
            args[i] = switch (q.type()) {
                case DOUBLE -> value(random);
                case INT -> q.value();
                case ARRAY -> vector(random, q.len());
                default -> {
                    double[][] m = new double[q.len()][];
                    for (int r = 0; r < m.length; r++) {
                        m[r] = vector(random, q.cols());
                    }
                    yield m;
                }
            };
        }
        return args;
    }

    private static double value(SplittableRandom random) {
        return random.nextDouble(-1.2, 1.2);
    }

    private static double[] vector(SplittableRandom random, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = value(random);
        }
        return v;
    }

    /** Every unit direction of every differentiable argument, and {@code u}. */
    static List<Object[]> directions(Object[] args, Object[] u) {
        List<Object[]> out = new ArrayList<>();
        out.add(u);
        for (int i = 0; i < args.length; i++) {
            if (u[i] == null) {
                continue;
            }
            int n = Values.size(args[i]);
            for (int j = 0; j < n; j++) {
                double[] unit = new double[n];
                unit[j] = 1;
                Object[] d = new Object[args.length];
                d[i] = Values.unflatten(unit, args[i]);
                out.add(d);
            }
        }
        return out;
    }

    private static boolean smooth(Method probe, Object[] args, List<Object[]> directions)
            throws ReflectiveOperationException {
        String base = trace(probe, args);
        if (base == null) {
            return false;
        }
        for (Object[] d : directions) {
            for (double h : new double[] {STEP, -STEP}) {
                if (!base.equals(trace(probe, shifted(args, d, h)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The probe's trace at {@code args}, or null if the result is not finite. */
    private static String trace(Method probe, Object[] args) throws ReflectiveOperationException {
        Probe.reset();
        Object result;
        try {
            result = probe.invoke(null, copies(args));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the probe twin throws " + e.getCause(), e.getCause());
        }
        for (double v : Values.flatten(result)) {
            if (!Double.isFinite(v) || Math.abs(v) > 1e6) {
                return null;
            }
        }
        return Probe.trace();
    }

    static Object[] shifted(Object[] args, Object[] d, double h) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            if (d[i] == null) {
                out[i] = Values.copy(args[i]);
                continue;
            }
            double[] x = Values.flatten(args[i]);
            double[] t = Values.flatten(d[i]);
            for (int j = 0; j < x.length; j++) {
                x[j] += h * t[j];
            }
            out[i] = Values.unflatten(x, args[i]);
        }
        return out;
    }
}
