package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

/**
 * Derivatives that must follow the value at run time whatever its static type (issue 12,
 * items 2, 3 and 14), written the way Java code is: arrays and tensors passed through
 * generic interfaces (javac's bridge methods), generic static helpers, {@code Object}
 * parameters tested with {@code instanceof}, {@code Object[]} of rows, and helpers returning
 * either their argument or a {@code static final} constant. Each method is checked in both
 * modes by {@link RuntimeValueCorpusTest}.
 */
public class RuntimeValueCorpus {

    private static final double[] DEFAULT = {1.0, 2.0, 3.0};
    private static final double[][] IDENTITY = {{1.0, 0.0}, {0.0, 1.0}};

    // ---------------------------------------------------------------- generic interfaces (bridge methods)

    /** A score of a value of some type; implementations for arrays and tensors are called through it. */
    public interface Scorer<T> {
        double score(T value);
    }

    /** ‖x‖²: javac adds the bridge {@code score(Object)} that casts and calls {@code score(double[])}. */
    public static final class SquaredNorm implements Scorer<double[]> {
        @Override
        public double score(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        }
    }

    /** Σ aᵢⱼ·sin(aᵢⱼ) over a matrix. */
    public static final class MatrixScore implements Scorer<double[][]> {
        @Override
        public double score(double[][] a) {
            double s = 0;
            for (double[] row : a) {
                for (double v : row) {
                    s += v * Math.sin(v);
                }
            }
            return s;
        }
    }

    /** Σ tanh(t)·t over a tensor. */
    public static final class TensorScore implements Scorer<Tensor> {
        @Override
        public double score(Tensor t) {
            return Np.sum(Np.multiply(Np.tanh(t), t)).item();
        }
    }

    /** Combines two values of one type into a new one. */
    public interface Combiner<T> {
        T combine(T a, T b);
    }

    /** a + 2b elementwise, into a new array: the bridge returns Object, the caller casts. */
    public static final class AddTwice implements Combiner<double[]> {
        @Override
        public double[] combine(double[] a, double[] b) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + 2 * b[i];
            }
            return out;
        }
    }

    /** a·b elementwise on tensors. */
    public static final class TensorProduct implements Combiner<Tensor> {
        @Override
        public Tensor combine(Tensor a, Tensor b) {
            return Np.multiply(a, b);
        }
    }

    private static final Combiner<double[]> ADD_TWICE = new AddTwice();

    @Differentiable
    public static double throughGenericInterface(double[] x) {
        Scorer<double[]> s = new SquaredNorm();
        return s.score(x) + 0.5 * s.score(new double[] {x[0], x[1] * x[1]});
    }

    @Differentiable
    public static double matrixThroughGenericInterface(double[][] a) {
        Scorer<double[][]> s = new MatrixScore();
        return s.score(a) * a[0][1];
    }

    @Differentiable
    public static double tensorThroughGenericInterface(Tensor t) {
        Scorer<Tensor> s = new TensorScore();
        return s.score(Np.multiply(t, t)) + s.score(t);
    }

    @Differentiable
    public static double[] genericResultThroughBridge(double[] a, double[] b) {
        double[] c = ADD_TWICE.combine(a, b);
        c[0] = c[0] * c[1];
        return ADD_TWICE.combine(c, a);
    }

    @Differentiable
    public static Tensor tensorResultThroughBridge(Tensor a, Tensor b) {
        Combiner<Tensor> product = new TensorProduct();
        return Np.sin(product.combine(product.combine(a, b), a));
    }

    // ---------------------------------------------------------------- generic static helpers

    static <T> T pick(T a, T b, boolean first) {
        return first ? a : b;
    }

    static <T> T first(T[] items) {
        return items[0];
    }

    @Differentiable
    public static double pickArrays(double[] x, double[] y) {
        double[] z = pick(x, y, x[0] > y[0]);
        double[] w = pick(x, y, false);
        return z[0] * z[1] + Math.exp(w[1]);
    }

    @Differentiable
    public static double pickMatrices(double[][] a, double[][] b, boolean first) {
        double[][] m = pick(a, b, first);
        return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    @Differentiable
    public static Tensor pickTensors(Tensor a, Tensor b) {
        Tensor c = pick(a, b, true);
        Tensor d = pick(Np.exp(a), b, false);
        return Np.multiply(c, d);
    }

    /** A row of a matrix through {@code <T> T first(T[])}: the parameter is an {@code Object[]}. */
    @Differentiable
    public static double firstRow(double[][] m) {
        double[] row = first(m);
        row[1] = row[0] * row[1];
        return row[1] + m[1][0] * m[0][1];
    }

    // ---------------------------------------------------------------- Object and instanceof

    /** What a value sums to, whatever it is. */
    static double total(Object o) {
        if (o instanceof double[] v) {
            double s = 0;
            for (double e : v) {
                s += e * e;
            }
            return s;
        } else if (o instanceof double[][] m) {
            double s = 0;
            for (double[] row : m) {
                s += total(row);
            }
            return Math.sqrt(s);
        } else if (o instanceof Tensor t) {
            return Np.sum(Np.exp(t)).item();
        }
        return 0;
    }

    @Differentiable
    public static double objectParameters(double[] x, double[][] m, Tensor t) {
        return total(x) * total(m) + total(t) + total("not a number");
    }

    /** A local typed Object, cast back; equality and hashing on it read nothing. */
    @Differentiable
    public static double objectLocal(double[] x) {
        Object o = x;
        double[] y = (double[]) o;
        double bonus = o.equals(y) && o.hashCode() == y.hashCode() ? 1 : 0;
        return y[0] * y[1] + bonus * x[0];
    }

    /** A copy made behind an Object signature, written by the caller after the cast. */
    static Object copyOf(Object o) {
        double[] v = (double[]) o;
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i];
        }
        return c;
    }

    @Differentiable
    public static double[] objectResultWritten(double[] x) {
        double[] y = (double[]) copyOf(x);
        y[0] = y[0] * y[1];
        return y;
    }

    /** Rows and a tensor kept in an {@code Object[]}, read back by index and cast. */
    @Differentiable
    public static double objectArrayOfParts(double[] x, double[] y, Tensor t) {
        Object[] parts = {x, y, t};
        double[] a = (double[]) parts[0];
        double[] b = (double[]) parts[1];
        Tensor c = (Tensor) parts[2];
        return a[0] * b[1] + sumParts(parts) * Np.sum(c).item();
    }

    /** Varargs of Object: the array of parts is itself a dynamic parameter. */
    static double sumParts(Object... parts) {
        double s = 0;
        for (Object p : parts) {
            if (p instanceof double[] v) {
                s += v[0];
            } else if (p instanceof Tensor t) {
                s += Np.sum(Np.multiply(t, t)).item();
            }
        }
        return s;
    }

    /** The method's own parameter and result typed Object: the gradient follows what is passed. */
    @Differentiable
    public static double objectParameter(Object o) {
        return total(o) + (o instanceof double[] v ? v[0] * v[v.length - 1] : 0);
    }

    @Differentiable
    public static Object objectResult(double[] x, Tensor t, boolean array) {
        if (array) {
            return combineRows(x, x);
        }
        return Np.multiply(t, Tensor.scalar(x[0]));
    }

    private static double[] combineRows(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[(i + 1) % b.length];
        }
        return out;
    }

    /** A template in a generic base class: {@code loss} calls the subclass's {@code f} through its bridge. */
    public abstract static class Model<P> {
        abstract double f(P params, double input);

        double loss(P params, double[] inputs) {
            double s = 0;
            for (double in : inputs) {
                double e = f(params, in) - 1;
                s += e * e;
            }
            return s;
        }
    }

    /** w₀ + w₁·x. */
    public static final class Line extends Model<double[]> {
        @Override
        double f(double[] w, double x) {
            return w[0] + w[1] * x;
        }
    }

    /** A generic interface with a default method calling the abstract one. */
    public interface Penalty<T> {
        double value(T x);

        default double twice(T x) {
            return 2 * value(x);
        }
    }

    /** Σ|x|² over the rows of a matrix, through {@link Penalty#twice}. */
    public static final class RowsPenalty implements Penalty<double[][]> {
        @Override
        public double value(double[][] m) {
            double s = 0;
            for (double[] row : m) {
                for (double v : row) {
                    s += v * v * v;
                }
            }
            return s;
        }
    }

    @Differentiable
    public static double templateInGenericBase(double[] w) {
        Model<double[]> model = new Line();
        return model.loss(w, new double[] {0.5, -1.0, 2.0});
    }

    @Differentiable
    public static double genericDefaultMethod(double[][] m) {
        Penalty<double[][]> p = new RowsPenalty();
        return p.twice(m) + p.value(m);
    }

    static <T> T[] swapFirstTwo(T[] items) {
        T t = items[0];
        items[0] = items[1];
        items[1] = t;
        return items;
    }

    /** {@code <T> T[] f(T[])} on a matrix: rows swapped in place through an {@code Object[]} view. */
    @Differentiable
    public static double genericArrayHelper(double[][] m) {
        double[][] s = swapFirstTwo(m);
        return s[0][0] * m[1][1] + s[0][1];
    }

    /** One Object variable holding an array on one path and a tensor on the other. */
    @Differentiable
    public static double arrayOrTensorInOneVariable(double[] x, Tensor t, boolean array) {
        Object o = array ? x : t;
        double s = total(o);
        if (o instanceof Tensor u) {
            return s + Np.sum(Np.multiply(u, u)).item();
        }
        return s + ((double[]) o)[0];
    }

    /** A helper taking Object that writes through its cast: into the caller's array and a fresh one. */
    static void scaleInPlace(Object o, double k) {
        double[] v = (double[]) o;
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * k;
        }
    }

    @Differentiable
    public static double writesThroughObjectParameter(double[] x, double k) {
        double[] buffer = new double[] {k, 2 * k};
        scaleInPlace(buffer, x[0]);
        scaleInPlace(x, k);
        Cloneable c = x;
        return buffer[0] * buffer[1] + ((double[]) c)[1];
    }

    static <T> T identity(T t) {
        return pick(t, t, true);
    }

    /** Generic helpers calling generic helpers, and recursion through an Object parameter. */
    @Differentiable
    public static double nestedGenericHelpers(double[] x, int depth) {
        double[] y = identity(identity(x));
        return y[0] * deep(y, depth);
    }

    static double deep(Object o, int depth) {
        return depth == 0 ? ((double[]) o)[1] : Math.sin(deep(o, depth - 1));
    }

    /** Rows of a matrix in an Object[] written through a cast. */
    @Differentiable
    public static double objectArrayOfMatrices(double[][] a, double[] x) {
        Object[] held = {a, x};
        double[][] m = (double[][]) held[0];
        m[0][1] = m[0][0] * ((double[]) held[1])[0];
        return a[0][1] + m[1][0];
    }

    static void put(Object[] slots, int i, Object value) {
        slots[i] = value;
    }

    /** A row stored into a matrix by a helper taking {@code Object[]} and {@code Object}. */
    @Differentiable
    public static double rowStoredThroughObjectHelper(double[][] m, double[] x) {
        double[][] copy = new double[2][];
        put(copy, 0, x);
        put(copy, 1, m[1]);
        copy[0][1] = copy[0][0] * copy[1][0];
        return copy[0][1] + m[1][1] * x[1];
    }

    /** Σ over a sequence of tensors, through a generic interface. */
    public static final class SequenceScore implements Scorer<Tensor[]> {
        @Override
        public double score(Tensor[] parts) {
            double s = 0;
            for (Tensor p : parts) {
                s += Np.sum(Np.sin(p)).item();
            }
            return s;
        }
    }

    @Differentiable
    public static double tensorSequenceThroughGenericInterface(Tensor a, Tensor b) {
        Scorer<Tensor[]> s = new SequenceScore();
        return s.score(new Tensor[] {a, Np.multiply(a, b)});
    }

    static Object sinOf(Object o) {
        return Np.sin((Tensor) o);
    }

    static Object halved(Object o) {
        double[] v = (double[]) o;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = 0.5 * v[i] + v[(i + 1) % v.length] * v[i];
        }
        return out;
    }

    /** A value typed Object carried around loops: a tensor, then an array, replaced at each step. */
    @Differentiable
    public static double loopsThroughObject(Tensor t, double[] x, int n) {
        Object acc = t;
        Object cur = x;
        for (int i = 0; i < n; i++) {
            acc = sinOf(acc);
            cur = halved(cur);
        }
        return Np.sum((Tensor) acc).item() * ((double[]) cur)[0];
    }

    static void fillWith(Object target, double v) {
        if (target instanceof double[] a) {
            a[0] = v * v;
            a[1] = Math.cos(v);
        } else {
            double[][] m = (double[][]) target;
            m[0][0] = 3 * v;
        }
    }

    /** A buffer typed Object (an array of one shape or another) filled by a helper with active values. */
    @Differentiable
    public static double bufferTypedObjectFilledByHelper(double[] x, boolean flat) {
        Object buffer = flat ? new double[2] : new double[][] {{0.0}};
        fillWith(buffer, x[0] * x[1]);
        return flat ? ((double[]) buffer)[0] + ((double[]) buffer)[1] : ((double[][]) buffer)[0][0];
    }

    /** A generic method of an interface, implemented by a class. */
    public interface Transform {
        <T> T apply(T value, double scale);
    }

    /** Scales arrays and tensors it is given, leaves anything else. */
    public static final class Scale implements Transform {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T apply(T value, double scale) {
            if (value instanceof double[] v) {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i] * scale;
                }
                return (T) out;
            }
            if (value instanceof Tensor t) {
                return (T) Np.multiply(t, Tensor.scalar(scale));
            }
            return value;
        }
    }

    @Differentiable
    public static double genericInterfaceMethod(double[] x, Tensor t, double k) {
        Transform f = new Scale();
        double[] y = f.apply(x, k);
        Tensor u = f.apply(t, y[0]);
        String label = f.apply("unchanged", k);
        return y[1] * Np.sum(u).item() + label.length();
    }

    /** An {@code Object[]} result holding an array and a tensor. */
    @Differentiable
    public static Object[] objectArrayResult(double[] x, Tensor t) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[(i + 1) % x.length];
        }
        return new Object[] {y, Np.multiply(Np.exp(t), Tensor.scalar(x[0]))};
    }

    /** A matrix result made of rows stored into it, one of them the parameter itself. */
    @Differentiable
    public static double[][] matrixOfRowsResult(double[] x) {
        double[][] m = new double[2][];
        m[0] = new double[] {x[0] * x[1], Math.sin(x[1])};
        m[1] = x;
        return m;
    }

    /** An {@code Object[]} parameter of the method itself: its gradient holds the derivative of each part. */
    @Differentiable
    public static double objectArrayParameter(Object[] parts) {
        return sumParts(parts) * total(parts[0]);
    }

    // ---------------------------------------------------------------- the argument or a constant

    static double[] orDefault(double[] v, boolean ok) {
        return ok ? v : DEFAULT;
    }

    static double[][] orIdentity(double[][] m, boolean ok) {
        return ok ? m : IDENTITY;
    }

    static Object orDefaultObject(Object v, boolean ok) {
        return ok ? v : DEFAULT;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Differentiable
    public static double argumentOrConstant(double[] x, boolean ok) {
        double[] w = orDefault(x, ok);
        return w[0] * w[1] + Math.sin(w[2]) + x[0];
    }

    @Differentiable
    public static double[] argumentOrConstantReturned(double[] v, boolean ok) {
        return ok ? v : DEFAULT;
    }

    @Differentiable
    public static double matrixOrConstant(double[][] m, boolean ok) {
        double[][] a = orIdentity(m, ok);
        return a[0][0] * a[1][1] + a[0][1];
    }

    /** The merge inline, handed to a helper: the helper gets the parameter's shadow, or treats the constant as one. */
    @Differentiable
    public static double mergeHandedToHelper(double[] x, double[] w, boolean ok) {
        double[] u = ok ? w : DEFAULT;
        return dot(u, x) + dot(u, u);
    }

    /** Two merged arguments to one call: four variants, one chosen at run time. */
    @Differentiable
    public static double twoMergesHandedToHelper(double[] x, double[] w, int which) {
        double[] a = (which & 1) != 0 ? x : DEFAULT;
        double[] b = (which & 2) != 0 ? w : DEFAULT;
        return dot(a, b) * x[1];
    }

    /** An array literal with active values on one path, a constant on the other: written only where it is the literal. */
    @Differentiable
    public static double[] literalOrConstant(double[] x, boolean fresh) {
        double[] a = fresh ? new double[] {x[0] * x[1], Math.sin(x[2]), 1.0} : DEFAULT;
        double s = dot(a, x) + a[0] * a[1];
        return new double[] {s, a[2]};
    }

    private static final Tensor DEFAULT_TENSOR = Tensor.of(new double[] {0.5, -0.5}, 2);

    static Tensor orDefault(Tensor t, boolean ok) {
        return ok ? t : DEFAULT_TENSOR;
    }

    @Differentiable
    public static Tensor tensorOrConstant(Tensor t, boolean ok) {
        return Np.multiply(orDefault(t, ok), t);
    }

    @Differentiable
    public static double objectOrConstant(double[] x, boolean ok) {
        double[] w = (double[]) orDefaultObject(x, ok);
        return w[0] * w[2];
    }

    /**
     * Writes into what the helper returned: the caller's own array when it came back, which is
     * right; the constant otherwise, which stops with a clear error in both modes.
     */
    @Differentiable
    public static double writesIntoArgumentOrConstant(double[] x, boolean ok) {
        double[] w = orDefault(x, ok);
        w[0] = w[0] * w[1];
        return w[0] + Math.exp(w[2]);
    }

    // ---------------------------------------------------------------- arrays from opaque calls

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4]);

    /** A thread-local buffer written with data only: it is read with zero derivatives. */
    @Differentiable
    public static double threadLocalConstants(double[] x) {
        double[] buffer = SCRATCH.get();
        buffer[0] = 2.0;
        buffer[1] = 0.5;
        return x[0] * buffer[0] + x[1] * buffer[1];
    }
}
