package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;

/**
 * Realistic numeric code covering every construct the weaver accepts: the test set of the
 * forward- and reverse-mode weavers. Each method is differentiated by both and checked
 * against finite differences.
 */
public class Corpus {

    private static final double[][] ROWS = {{0.5, -1.0, 2.0, 0.25}, {1.5, 0.25, -0.75, 1.0}, {-0.5, 0.5, 1.0, 2.0}};

    private final double scale;
    private final double[] weights;

    public Corpus(double scale, double[] weights) {
        this.scale = scale;
        this.weights = weights;
    }

    // ---------------------------------------------------------------- classic functions

    @Differentiable
    public static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /** Newton's method for √a: the number of iterations depends on the data. */
    @Differentiable
    public static double newtonSqrt(double a) {
        double x = a > 1 ? a : 1;
        int iterations = 0;
        while (Math.abs(x * x - a) > 1e-14 * a && iterations < 100) {
            x = 0.5 * (x + a / x);
            iterations++;
        }
        return x;
    }

    @Differentiable
    public static double piecewise(double x) {
        if (x < -1) {
            return -x * x;
        } else if (x < 1) {
            return Math.sin(x) + 2 * x;
        } else {
            return Math.log(x) * 3 + Math.sin(1) + 2;
        }
    }

    /** xⁿ by recursion on n. */
    @Differentiable
    public static double power(double x, int n) {
        if (n == 0) {
            return 1;
        }
        double half = power(x, n / 2);
        return n % 2 == 0 ? half * half : half * half * x;
    }

    /** tanh(W·x), a dense layer over {@code double[][]}. */
    @Differentiable
    public static double[] denseTanh(double[][] w, double[] x) {
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += w[i][j] * x[j];
            }
            y[i] = Math.tanh(s);
        }
        return y;
    }

    /** A Monte Carlo price over fixed normals, with a smooth (softplus) payoff. */
    @Differentiable
    public static double monteCarlo(double spot, double strike, double rate, double vol, double[] normals) {
        double sum = 0;
        for (double z : normals) {
            double terminal = spot * Math.exp((rate - 0.5 * vol * vol) + vol * z);
            double excess = terminal - strike;
            sum += Math.log1p(Math.exp(excess));
        }
        return Math.exp(-rate) * sum / normals.length;
    }

    // ---------------------------------------------------------------- instance methods

    @Differentiable
    public double weightedSum(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += weights[i] * x[i];
        }
        return scale * s + helper(s);
    }

    /**
     * Arrays read from fields (data, not variables) handed to helpers together with active
     * values: the helpers' derivatives are the variants that treat those arrays as constants.
     */
    @Differentiable
    public double fieldArraysToHelpers(double[] w) {
        double s = 0;
        for (int n = 0; n < ROWS.length; n++) {
            s += Math.tanh(Helpers.dot(w, ROWS[n]));
        }
        return s + Helpers.dotRows(w, ROWS) + Helpers.dot(weights, w)
                + Helpers.dot(w, AD.stopGradient(ROWS[1]));
    }

    private double helper(double s) {
        return s * s / scale;
    }

    @Differentiable
    public double viaInstanceHelper(double x) {
        return this.helper(x) + helper(Math.cos(x));
    }

    // ---------------------------------------------------------------- control flow

    @Differentiable
    public static double ternary(double x, double y) {
        double m = x > y ? x * y : x + y;
        return m > 0 ? Math.sqrt(m) : -m;
    }

    @Differentiable
    public static double doWhile(double x) {
        double acc = x;
        int k = 0;
        do {
            acc = acc * 0.5 + Math.sin(acc);
            k++;
        } while (k < 5);
        return acc;
    }

    @Differentiable
    public static double breakContinue(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % 3 == 1) {
                continue;
            }
            s += x[i] * x[i];
            if (i > 6) {
                break;
            }
        }
        return s;
    }

    @Differentiable
    public static double earlyReturn(double x, double y) {
        if (y > 10) {
            return x;
        }
        double z = x * y;
        if (z > 100) {
            return z;
        }
        return z * z;
    }

    @Differentiable
    public static double nestedLoops(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i].length; k++) {
                    s += a[i][j] * a[i][k] * (j == k ? 2 : 1);
                }
            }
        }
        return s;
    }

    @Differentiable
    public static double switchOnInt(double x, int k) {
        double r;
        switch (k) {
            case 0:
                r = x * x;
                break;
            case 1:
                r = Math.exp(x);
                break;
            case 5:
                r = x * x * x;
                break;
            case 17:
                r = Math.sin(x);
                // fall through
            case 18:
                r = x + 1;
                break;
            default:
                r = -x;
        }
        return r;
    }

    /** Labelled break and continue that leave two loops at once. */
    @Differentiable
    public static double labelledJumps(double[] x) {
        double s = 0;
        outer:
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (j > i) {
                    continue outer;
                }
                s += x[i] * x[j] * 0.5;
                if (s > 4) {
                    break outer;
                }
            }
            s = Math.sin(s);
        }
        return s;
    }

    /** A loop left by a return from its middle (a truncated exponential series). */
    @Differentiable
    public static double earlyExitSeries(double x, double y) {
        double term = 1;
        double sum = 0;
        int k = 0;
        while (true) {
            sum += term;
            term *= x / (k + 1);
            if (++k == 12) {
                return sum * y;
            }
        }
    }

    @Differentiable
    public static double whileLoop(double x) {
        double y = x;
        int steps = 0;
        while (steps < 7) {
            y = Math.cos(y) + x * 0.1;
            steps += 1;
        }
        return y;
    }

    // ---------------------------------------------------------------- inactive values

    @Differentiable
    public static double booleansAndLongs(double x, boolean square, long n) {
        double y = square ? x * x : x;
        long m = n * 3;
        for (long i = 0; i < m; i++) {
            y = y + 0.1 * x;
        }
        return y;
    }

    @Differentiable
    public static double conversions(double x) {
        int whole = (int) x;
        long wide = (long) (x * 10);
        double back = whole;
        return x * whole + back + wide * 0.01 + (float) 2.5 * x;
    }

    @Differentiable
    public static double stopGradient(double x) {
        return x * AD.stopGradient(x) + Math.sin(AD.stopGradient(x * 2));
    }

    // ---------------------------------------------------------------- arithmetic and Math

    @Differentiable
    public static double arithmetic(double a, double b) {
        double sum = a + b;
        double difference = a - b;
        double product = a * b;
        double quotient = a / b;
        double remainder = a % b;
        return -sum * difference + product - quotient + remainder;
    }

    @Differentiable
    public static double unaryMath(double x) {
        double u = 0.3 * x;
        return Math.sin(x) + Math.cos(x) + Math.tan(u) + Math.asin(u) + Math.acos(u) + Math.atan(x)
                + Math.sinh(u) + Math.cosh(u) + Math.tanh(x) + Math.exp(u) + Math.expm1(u) + Math.log(x)
                + Math.log10(x) + Math.log1p(x) + Math.sqrt(x) + Math.cbrt(x) + Math.abs(-x) + Math.toRadians(x)
                + Math.toDegrees(u) + Math.signum(x) + Math.floor(x) + Math.ceil(x) + Math.rint(x)
                + Math.round(x) + (Double.isNaN(x) ? 1 : 0);
    }

    @Differentiable
    public static double binaryMath(double a, double b) {
        return Math.atan2(a, b) + Math.hypot(a, b) + Math.pow(a, b) + Math.max(a, b) + Math.min(a, b)
                + Math.IEEEremainder(a * 5, b) + Math.copySign(a, -b) + Math.fma(a, b, a * b);
    }

    @Differentiable
    public static double strictMath(double x) {
        return StrictMath.sin(x) * StrictMath.exp(x) + StrictMath.log(x) + StrictMath.pow(x, 1.5)
                + StrictMath.sqrt(x) + StrictMath.atan2(x, 2);
    }

    // ---------------------------------------------------------------- arrays

    @Differentiable
    public static double[] newArrayResult(double[] x) {
        double[] y = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[i];
            y[x.length] += x[i];
        }
        return y;
    }

    @Differentiable
    public static double inPlace(double[] x) {
        for (int i = 1; i < x.length; i++) {
            x[i] = x[i] * x[i - 1] + 1;
        }
        return x[x.length - 1];
    }

    @Differentiable
    public static double[][] outerProduct(double[] a, double[] b) {
        double[][] m = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m[i][j] = a[i] * b[j];
            }
        }
        return m;
    }

    @Differentiable
    public static double matrixRows(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            double[] r = row;
            s += r[0] * r[r.length - 1];
        }
        double[][] local = new double[2][];
        local[0] = m[0];
        local[1] = new double[] {s, s * s};
        return local[0][0] + local[1][1];
    }

    @Differentiable
    public static double arraysPassedToCalls(double[] x) {
        double[] out = new double[x.length];
        Helpers.squareInto(x, out);
        return Helpers.sum(out);
    }

    // ---------------------------------------------------------------- calls

    @Differentiable
    public static double callsUnannotatedHelper(double x) {
        return Helpers.smoothStep(x) * Helpers.poly(x, 3);
    }

    @Differentiable
    public static double callsOtherClass(double x, double y) {
        return OtherModel.energy(x, y) + OtherModel.energy(y, x);
    }

    @Differentiable
    public static double horner(double x, int n) {
        return n == 0 ? 1 : 1 + x * horner(x, n - 1);
    }

    @Differentiable
    public static double mutualRecursion(double x, int n) {
        return even(x, n);
    }

    static double even(double x, int n) {
        return n == 0 ? x : Math.sin(odd(x, n - 1));
    }

    static double odd(double x, int n) {
        return n == 0 ? x * x : Math.cos(even(x, n - 1)) + x;
    }

    @Differentiable
    public static double virtualDispatch(double x, double y) {
        Shape[] shapes = {new Shape.Circle(1.5), new Shape.Rectangle(2, 0.5)};
        double s = 0;
        for (Shape shape : shapes) {
            s += shape.area(x) * y;
        }
        return s;
    }

    @Differentiable
    public static double privateStaticHelper(double x) {
        return squareOf(x) + squareOf(squareOf(x));
    }

    private static double squareOf(double v) {
        return v * v;
    }

    // ---------------------------------------------------------------- found by the fuzzer

    /** The same element passed twice: both parameters' adjoints reach it. */
    @Differentiable
    public static double repeatedArgument(double[] x) {
        return weighted(x[0], x[0]) + weighted(x[1] * 2, x[1] * 2);
    }

    private static double weighted(double p, double q) {
        return p + 0.5 * q * q;
    }

    /** A row stored into a matrix parameter: the parameter's gradient keeps its own rows. */
    @Differentiable
    public static double rowStoredIntoParameter(double[][] w, double[] x) {
        double before = w[0][0] * w[1][1];
        w[0] = x;
        w[1][0] = w[0][1] * 3;
        return before + w[0][0] * w[1][0] + w[1][1];
    }

    /**
     * Arrays made by helpers without active arguments, written with active values, merged
     * with an active array, or returned with no active value in them.
     */
    @Differentiable
    public static double helperArraysMadeActive(double[] x, int n) {
        double[] t = constants();
        t[0] = x[0] * 2;
        double[] u = n > 0 ? x : constants();
        double[] v = unrelatedTo(x[1]);
        return t[0] * t[1] + 3 * u[0] + x[1] * v[0] + sum(noDerivative(x));
    }

    private static double[] constants() {
        return new double[] {1.0, 2.0};
    }

    private static double[] unrelatedTo(double p) {
        return new double[] {0.7, 0.5};
    }

    @Differentiable
    public static double[] noDerivative(double[] x) {
        return new double[] {x.length, 2.0};
    }

    /** A helper hands back a field's array that is only read: it carries zero derivatives, no error. */
    @Differentiable
    public double readsFieldArrayThroughHelper(double x) {
        double[] w = passedThrough(weights, x);
        return w[1] * x + Math.sin(x) * w[0];
    }

    private static double[] passedThrough(double[] data, double s) {
        return data;
    }

    private static double sum(double[] a) {
        return a[0] + a[1];
    }
}
