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

    /** The lambda leaves the method with an active value in it: its derivative cannot follow. */
    @Differentiable
    public static double capturesInLambda(double x) {
        double y = x * x;
        DoubleSupplier s = () -> y + 1; // rejected: capturesInLambda
        return callLater(s);
    }

    static double callLater(DoubleSupplier s) {
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

    /** A function of one variable, implemented by lambdas below. */
    interface Op {
        double of(double x);
    }

    /** Two lambdas of one shape, neither kept in a static field: at run time they cannot be told apart. */
    static Op either(boolean first) {
        return first ? a -> 2 * a : a -> a * a; // rejected: callsLookalikeLambda
    }

    static double apply(Op op, double x) {
        return op.of(x);
    }

    @Differentiable
    public static double callsLookalikeLambda(double x) {
        return apply(either(x > 0), x);
    }

    /** Implemented by a method reference that boxes. */
    interface Scalar {
        double of(double x);
    }

    static double boxedSquare(Double v) {
        return v * v;
    }

    static double applyScalar(Scalar f, double x) {
        return f.of(x);
    }

    /** The method reference boxes its argument on the way to the method. */
    @Differentiable
    public static double callsBoxingMethodReference(double x) {
        Scalar f = RejectedConstructs::boxedSquare; // rejected: callsBoxingMethodReference
        return applyScalar(f, x);
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
