package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;

import java.util.function.DoubleSupplier;

/**
 * One method per construct the weaver must reject; the line each error must name is marked
 * with a comment {@code // rejected: <method>}.
 */
public class RejectedConstructs {

    private double cache;
    private static double shared;
    private final double[] buffer = new double[4];

    @Differentiable
    public double storesField(double x) {
        cache = x * 2; // rejected: storesField
        return cache;
    }

    @Differentiable
    public static double storesStaticField(double x) {
        shared = Math.sin(x); // rejected: storesStaticField
        return shared;
    }

    @Differentiable
    public static double catchesException(double x) {
        try {
            return Math.log(x); // rejected: catchesException
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    @Differentiable
    public static double boxes(double x) {
        Object boxed = x * 3; // rejected: boxes
        return boxed.hashCode();
    }

    @Differentiable
    public static double callsJdk(double x) {
        long bits = Double.doubleToLongBits(x * 2); // rejected: callsJdk
        return bits;
    }

    @Differentiable
    public static double capturesInLambda(double x) {
        double y = x * x;
        DoubleSupplier s = () -> y + 1; // rejected: capturesInLambda
        return s.getAsDouble();
    }

    static native double nativeHelper(double x);

    @Differentiable
    public static double callsNative(double x) {
        return nativeHelper(x * 2); // rejected: callsNative
    }

    @Differentiable
    public double storesIntoFieldArray(double x) {
        double[] b = buffer;
        b[0] = x; // rejected: storesIntoFieldArray
        return b[0] * 2;
    }

    /** The helper hands out a field's array: writing active values into it is caught when it runs. */
    @Differentiable
    public double writesIntoFieldArrayFromHelper(double x) {
        double[] b = bufferFor(x);
        b[0] = x * x;
        return buffer[0];
    }

    private double[] bufferFor(double x) {
        return buffer;
    }

    @Differentiable
    public static double convertsToFloat(double x) {
        float f = (float) (x * 2); // rejected: convertsToFloat
        return f;
    }

    record Point(double x) {
    }

    @Differentiable
    public static double constructsObject(double x) {
        Point p = new Point(x * 2); // rejected: constructsObject
        return p.x();
    }

    @Differentiable
    public static double callsSetterThatStores(double x) {
        Holder h = new Holder();
        h.set(x); // the setter is differentiated through, and its store is rejected
        return h.value;
    }

    @Differentiable
    public double passesFieldArrayToWriter(double x) {
        fill(buffer, x); // the helper's variant gets the field's array as a constant, and writes into it
        return buffer[0];
    }

    private static void fill(double[] target, double x) {
        target[0] = x * 2; // rejected: fill
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4]);
    private static final java.util.Map<String, double[]> CACHE = new java.util.HashMap<>();

    /** A scratch buffer from a ThreadLocal: an array from a call without a derivative, whatever its static type. */
    @Differentiable
    public static double writesThreadLocalBuffer(double x) {
        double[] scratch = SCRATCH.get();
        scratch[0] = x * x; // rejected: writesThreadLocalBuffer
        return scratch[0] + x;
    }

    /** The same buffer filled by a helper: the helper's variant treats it as constant, and rejects its write. */
    @Differentiable
    public static double passesThreadLocalBufferToWriter(double x) {
        double[] scratch = SCRATCH.get();
        fillScratch(scratch, x);
        return scratch[0];
    }

    private static void fillScratch(double[] target, double x) {
        target[0] = Math.exp(x); // rejected: fillScratch
    }

    /** An array looked up in a map (Object-typed Map.get), cast and written. */
    @Differentiable
    public static double writesArrayFromMap(double x) {
        double[] cached = CACHE.computeIfAbsent("k", k -> new double[2]);
        cached[1] = 3 * x; // rejected: writesArrayFromMap
        return cached[1];
    }

    private static final double[] ONE = {1.0};

    /** Four arrays each merged with a constant, handed to one call: 16 variants would be needed. */
    @Differentiable
    public static double passesFourMergedArrays(double x) {
        double[] a = x > 0 ? new double[] {x} : ONE;
        double[] b = x > 1 ? new double[] {x * x} : ONE;
        double[] c = x > 2 ? new double[] {x + 1} : ONE;
        double[] d = x > 3 ? new double[] {2 * x} : ONE;
        return sumOfFirsts(a, b, c, d); // rejected: passesFourMergedArrays
    }

    private static double sumOfFirsts(double[] a, double[] b, double[] c, double[] d) {
        return a[0] + b[0] + c[0] + d[0];
    }

    static final class Holder {
        double value;

        void set(double v) {
            value = v; // rejected: set
        }
    }

    @Differentiable
    public static double synchronizedBlock(double x) {
        synchronized (RejectedConstructs.class) {
            return x * x; // rejected: synchronizedBlock
        }
    }

    @Differentiable
    public synchronized double synchronizedMethod(double x) {
        return x * cache; // rejected: synchronizedMethod
    }

    // ---- allowed: these are not rejected

    @Differentiable
    public static double throwsOnBadInput(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative input " + x);
        }
        return Math.sqrt(x);
    }

    @Differentiable
    public static double printsAndConcatenates(double x) {
        String s = "x = " + x;
        StringBuilder sb = new StringBuilder().append(x * 2);
        return x * (s.length() + sb.length() > 0 ? 3 : 1);
    }
}
