package dev.cotangent.testing;

import dev.cotangent.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Values as flat vectors: a {@code Double}, {@code double[]}, {@code double[][]},
 * {@link Tensor}, or an array of those ({@code Tensor[]}, {@code Object[]}) is read into one
 * {@code double[]} and written back into the same structure. {@code null} stands for "no
 * value" (a parameter that is not differentiable) and contributes nothing.
 */
final class Flat {

    private Flat() {}

    static int size(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Double) {
            return 1;
        }
        if (v instanceof double[] a) {
            return a.length;
        }
        if (v instanceof Tensor t) {
            return t.size();
        }
        if (v instanceof Object[] parts) {
            int n = 0;
            for (Object p : parts) {
                n += size(p);
            }
            return n;
        }
        throw unsupported(v);
    }

    static double[] read(Object v) {
        double[] out = new double[size(v)];
        read(v, out, 0);
        return out;
    }

    private static int read(Object v, double[] out, int at) {
        if (v == null) {
            return at;
        }
        if (v instanceof Double d) {
            out[at] = d;
            return at + 1;
        }
        if (v instanceof double[] a) {
            System.arraycopy(a, 0, out, at, a.length);
            return at + a.length;
        }
        if (v instanceof Tensor t) {
            double[] a = t.toArray();
            System.arraycopy(a, 0, out, at, a.length);
            return at + a.length;
        }
        for (Object p : (Object[]) v) {
            at = read(p, out, at);
        }
        return at;
    }

    /** A value shaped like {@code like} holding {@code data}. */
    static Object write(double[] data, Object like) {
        int[] at = {0};
        Object out = write(data, like, at);
        if (at[0] != data.length) {
            throw new IllegalArgumentException(data.length + " values for a structure of " + at[0]);
        }
        return out;
    }

    private static Object write(double[] data, Object like, int[] at) {
        if (like == null) {
            return null;
        }
        if (like instanceof Double) {
            return data[at[0]++];
        }
        if (like instanceof double[] a) {
            double[] out = Arrays.copyOfRange(data, at[0], at[0] + a.length);
            at[0] += a.length;
            return out;
        }
        if (like instanceof Tensor t) {
            double[] out = Arrays.copyOfRange(data, at[0], at[0] + t.size());
            at[0] += t.size();
            return Tensor.of(out, t.shape());
        }
        Object[] parts = (Object[]) like;
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(parts.getClass().getComponentType(), parts.length);
        for (int i = 0; i < parts.length; i++) {
            out[i] = write(data, parts[i], at);
        }
        return out;
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

    private static IllegalArgumentException unsupported(Object v) {
        return new IllegalArgumentException("not a differentiable value: " + v.getClass().getName()
                + " (use Double, double[], double[][], Tensor or arrays of them)");
    }
}
