package dev.cotangent.testing;

import dev.cotangent.runtime.Values;

import java.util.SplittableRandom;

/**
 * Perturbations of values seen as flat vectors ({@link Values}): shifted points and random
 * directions in the structure of a given value.
 */
final class Flat {

    private Flat() {}

    static int size(Object v) {
        return Values.size(v);
    }

    static double[] read(Object v) {
        return Values.flatten(v);
    }

    /** A value shaped like {@code like} holding {@code data}. */
    static Object write(double[] data, Object like) {
        return Values.unflatten(data, like);
    }

    /** {@code x + step·direction} in {@code x}'s structure; null entries stay null. */
    static Object shifted(Object x, Object direction, double step) {
        double[] a = read(x);
        double[] d = read(direction);
        if (d.length == 0) {
            return x;
        }
        if (a.length != d.length) {
            throw new IllegalArgumentException("a direction of " + d.length + " values for a point of " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += step * d[i];
        }
        return write(a, x);
    }

    /** Standard normal values in {@code like}'s structure. */
    static Object random(Object like, SplittableRandom random) {
        double[] out = new double[size(like)];
        for (int i = 0; i < out.length; i++) {
            out[i] = gaussian(random);
        }
        return write(out, like);
    }

    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

}
