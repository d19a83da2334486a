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

    /** Makes a point. */
    interface Maker {
        Point of(double x);
    }

    /** A constructor reference: the constructor receives the active value. */
    @Differentiable
    public static double callsConstructorReference(double x) {
        Maker maker = Point::new; // rejected: callsConstructorReference
        return maker.of(x * 2).x();
    }

    /** The JDK makes the lambda that runs: its code is not differentiated. */
    @Differentiable
    public static double composesWithTheJdk(double x) {
        java.util.function.DoubleUnaryOperator square = t -> t * t;
        return square.andThen(Math::sin).applyAsDouble(x);
    }

    // ---- text built from active values, read back as numbers

    @Differentiable
    public static double parsesConcatenation(double x) {
        return Double.parseDouble("" + 2 * x) + x; // rejected: parsesConcatenation
    }

    @Differentiable
    public static double parsesStringBuilder(double x) {
        StringBuilder sb = new StringBuilder();
        StringBuilder same = sb;
        same.append(x * 3);
        String s = sb.toString();
        return Double.valueOf(s) * x; // rejected: parsesStringBuilder
    }

    @Differentiable
    public static double parsesBigDecimal(double x) {
        String s = String.valueOf(x);
        java.math.BigDecimal d = new java.math.BigDecimal(s);
        return d.doubleValue(); // rejected: parsesBigDecimal
    }

    @Differentiable
    public static double parsesCharacters(double x) {
        char[] digits = Double.toString(x).toCharArray();
        char[] copy = java.util.Arrays.copyOf(digits, digits.length);
        return Double.parseDouble(new String(copy)) + x; // rejected: parsesCharacters
    }

    @Differentiable
    public static double parsesWithScanner(double x) {
        java.util.Scanner in = new java.util.Scanner("" + x + " 1");
        return in.nextDouble(); // rejected: parsesWithScanner
    }

    @Differentiable
    public static double parsesFromAList(double x) {
        java.util.List<String> values = new java.util.ArrayList<>();
        values.add("v" + x);
        return Double.parseDouble(values.get(0).substring(1)); // rejected: parsesFromAList
    }

    @Differentiable
    public static double parsesInAHelper(double x) {
        return 2 * readNumber("" + x) + x;
    }

    static double readNumber(String text) {
        String trimmed = text.trim();
        return Double.parseDouble(trimmed); // rejected: readNumber
    }

    @Differentiable
    public static double parsesAHelpersText(double x) {
        String s = describe(x * x);
        return Double.parseDouble(s); // rejected: parsesAHelpersText
    }

    static String describe(double v) {
        return "" + v;
    }

    // ---- allowed: these are not rejected

    /** Text from active values that is printed, logged or measured, never read back as a number. */
    @Differentiable
    public static double logsAndMeasuresText(double x) {
        double[] xs = {x, 2 * x};
        String all = java.util.Arrays.toString(xs) + Double.toString(x) + String.valueOf(x * x);
        java.util.logging.Logger.getLogger("cotangent.test").fine("x = " + x + " " + all);
        StringBuilder sb = new StringBuilder().append(x);
        int length = sb.length() + describe(x).length();
        return x * x + (length > 0 ? 1 : 0) + Integer.parseInt("1" + (int) Math.floor(x));
    }

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
