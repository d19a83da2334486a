package dev.cotangent.runtime;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Differentiable values as flat vectors: a {@code Double}, {@code double[]}, {@code double[][]}
 * (any rank), {@link Tensor}, or an array of tensors is read into one {@code double[]} and
 * written back into the same structure. {@code null} stands for "no value" and contributes
 * nothing. Used by {@code AD} to copy arguments and make unit tangents, and by the test
 * fixtures to perturb inputs.
 *
 * @since 0.1
 */
public final class Values {

    private Values() {}

    /** The number of scalars in {@code v}. */
    public static int size(Object v) {
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

    /** The scalars of {@code v} in order (row-major within each array or tensor). */
    public static double[] flatten(Object v) {
        double[] out = new double[size(v)];
        flatten(v, out, 0);
        return out;
    }

    private static int flatten(Object v, double[] out, int at) {
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
            at = flatten(p, out, at);
        }
        return at;
    }

    /** A value shaped like {@code like} holding {@code data}. */
    public static Object unflatten(double[] data, Object like) {
        int[] at = {0};
        Object out = unflatten(data, like, at);
        if (at[0] != data.length) {
            throw new IllegalArgumentException(data.length + " values for a structure of " + at[0]);
        }
        return out;
    }

    private static Object unflatten(double[] data, Object like, int[] at) {
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
        Object[] out = (Object[]) Array.newInstance(parts.getClass().getComponentType(), parts.length);
        for (int i = 0; i < parts.length; i++) {
            out[i] = unflatten(data, parts[i], at);
        }
        return out;
    }

    /** Zeros in the structure of {@code like}. */
    public static Object zerosLike(Object like) {
        return unflatten(new double[size(like)], like);
    }

    /** A deep copy of arrays (tensors are immutable and shared); other values as they are. */
    public static Object copy(Object v) {
        if (v instanceof double[] a) {
            return a.clone();
        }
        if (v instanceof Object[] parts && !(v instanceof Tensor[])) {
            Object[] out = parts.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = copy(out[i]);
            }
            return out;
        }
        if (v instanceof Tensor[] parts) {
            return parts.clone();
        }
        return v;
    }

    /**
     * As {@link #shadowOf}, and {@code null} for {@code null} or a value that is not an array
     * with derivatives (a tensor, whose zero adjoint is {@code null}; a string held as
     * {@code Object}): woven code calls it for arrays with no shadow of their own.
     */
    public static Object zeroShadow(Object array) {
        return hasShadow(array) ? shadowOf(array) : null;
    }

    /** Whether {@code v} is an array whose derivatives live in a shadow: of doubles, tensors, or objects (rows). */
    private static boolean hasShadow(Object v) {
        return v instanceof double[] || v instanceof Object[];
    }

    /**
     * The tensor among the adjoints held in a slot of an {@code Object[]}'s shadow: the slot of a
     * tensor element holds its adjoint, that of an array element the element's shadow.
     */
    public static Object tensorAdjoint(Object slot) {
        return slot instanceof Tensor ? slot : null;
    }

    /**
     * The shadow a differentiated call returned for its array result, or zeros if it returned
     * none: woven code calls this where the caller only reads the array.
     */
    public static Object shadowOrZeros(Object shadow, Object array) {
        return shadow != null ? shadow : zeroShadow(array);
    }

    /**
     * As {@link #shadowOrZeros}, for a caller that may write derivatives into the array.
     *
     * @throws IllegalStateException if the callee {@code method} returned an array that
     *         carries no derivative (one read from a field, or from a call without a derivative)
     */
    public static Object requireShadow(Object shadow, Object array, String method) {
        if (shadow == null && hasShadow(array)) {
            throw new IllegalStateException(method + " returns an array that carries no derivative (it comes from a "
                    + "field, or from a call without a derivative), but the caller differentiates through it; return "
                    + "an array the method allocates (a copy), or pass AD.stopGradient of it");
        }
        return shadow;
    }

    /**
     * Whether a value held a shadow of its own: woven code keeps this beside an array variable
     * merged from definitions that have one and definitions that do not.
     */
    public static boolean owns(Object shadow) {
        return shadow != null;
    }

    /**
     * The shadow woven code hands over with an array (as a result, or to a callee): its own, or
     * none ({@code null}) when the value came from a definition without one (a field, a call
     * without a derivative), whose stand-in zeros must not leave the method.
     */
    public static Object handOver(Object shadow, boolean owns) {
        return owns ? shadow : null;
    }

    /**
     * A zero shadow for an array: the same nested shape, zeros for doubles, {@code null}s
     * for tensors (zero adjoints) and for elements of an {@code Object[]} that are not such
     * arrays.
     */
    public static Object shadowOf(Object array) {
        if (array instanceof double[] a) {
            return new double[a.length];
        }
        if (array instanceof Tensor[] t) {
            return new Tensor[t.length];
        }
        Object[] rows = (Object[]) array;
        Object[] out = (Object[]) Array.newInstance(rows.getClass().getComponentType(), rows.length);
        for (int i = 0; i < rows.length; i++) {
            out[i] = zeroShadow(rows[i]);
        }
        return out;
    }

    /**
     * Adds {@code values} (same structure as {@code like}) into the arrays of {@code target},
     * which has that structure too; nothing if {@code target} is {@code null} (no shadow: the
     * value carries no derivative).
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void addInto(Object target, Object values, Object like) {
        if (target == null) {
            // The result carries no derivative (an array from a field or a constant came back): nothing to add.
            return;
        }
        if (target instanceof Tensor[] adjoints) {
            addTensorsInto(adjoints, values, (Tensor[]) like);
            return;
        }
        if (target instanceof Object[] slots && dynamic(target.getClass()) && values instanceof Object[] parts
                && like instanceof Object[] likes && parts.length == likes.length) {
            // An Object[] result: a tensor's slot holds its adjoint, an array's its shadow.
            for (int i = 0; i < likes.length; i++) {
                if (likes[i] instanceof Tensor && parts[i] != null) {
                    slots[i] = slots[i] == null ? parts[i] : Np.add((Tensor) slots[i], (Tensor) parts[i]);
                } else if (parts[i] != null) {
                    addInto(slots[i], parts[i], likes[i]);
                }
            }
            return;
        }
        double[] add = flatten(values);
        if (add.length != size(like)) {
            throw new IllegalArgumentException("a cotangent of " + add.length + " values for a result of " + size(like));
        }
        addInto(target, add, new int[] {0});
    }

    /** An array of tensors holds its adjoints as tensors ({@code null} for zero): each cotangent adds to one. */
    private static void addTensorsInto(Tensor[] adjoints, Object values, Tensor[] like) {
        if (!(values instanceof Tensor[] cotangents) || cotangents.length != like.length) {
            throw new IllegalArgumentException("the cotangent of a result of " + like.length + " tensors must be a "
                    + "Tensor[] of " + like.length + ", not " + describe(values));
        }
        for (int i = 0; i < like.length; i++) {
            Tensor c = cotangents[i];
            if (c == null) {
                continue;
            }
            if (!Arrays.equals(c.shape(), like[i].shape())) {
                throw new IllegalArgumentException("the cotangent of result " + i + " has shape "
                        + Arrays.toString(c.shape()) + ", the result has shape "
                        + Arrays.toString(like[i].shape()));
            }
            adjoints[i] = adjoints[i] == null ? c : Np.add(adjoints[i], c);
        }
    }

    /**
     * Whether {@code a} has the structure of {@code b}: both {@code Double}s, tensors of one
     * shape, or arrays of one type whose elements match in turn ({@code a}'s tensors in a
     * {@code Tensor[]} may be {@code null}, for zero).
     */
    public static boolean sameStructure(Object a, Object b) {
        if (a instanceof Tensor[] x && b instanceof Tensor[] y && x.length == y.length) {
            for (int i = 0; i < x.length; i++) {
                if (x[i] != null && !sameStructure(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Double || b instanceof Double) {
            return a instanceof Double && b instanceof Double;
        }
        if (a instanceof Tensor x) {
            return b instanceof Tensor y && Arrays.equals(x.shape(), y.shape());
        }
        if (a instanceof double[] x) {
            return b instanceof double[] y && x.length == y.length;
        }
        if (a instanceof Object[] x && b instanceof Object[] y && x.getClass() == y.getClass() && x.length == y.length) {
            for (int i = 0; i < x.length; i++) {
                if (!sameStructure(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code v}'s type and shape for messages: {@code double[3]}, {@code double[2][3]}, {@code Tensor (2, 4)}. */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Tensor t) {
            return "Tensor " + Shapes.str(t.shape());
        }
        if (v instanceof double[] a) {
            return "double[" + a.length + "]";
        }
        if (v instanceof Object[] a) {
            String inner = a.length > 0 && a[0] != null && !(a instanceof Tensor[]) ? describe(a[0]) : null;
            if (inner != null && inner.startsWith("double[")) {
                return "double[" + a.length + "]" + inner.substring("double".length());
            }
            return v.getClass().getComponentType().getSimpleName() + "[" + a.length + "]";
        }
        return v.getClass().getSimpleName();
    }

    private static void addInto(Object target, double[] add, int[] at) {
        if (target instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] += add[at[0]++];
            }
        } else {
            for (Object row : (Object[]) target) {
                addInto(row, add, at);
            }
        }
    }

    /**
     * The rows of a shadow of arrays of arrays (and of theirs, recursively), to be put back by
     * {@link #restoreRows}: a reverse sweep restores, in a result's shadow, what each row stored
     * into the result replaced, so a pullback pulled again starts from the rows it had.
     * {@code null} for a shadow without rows.
     */
    public static Object rows(Object shadow) {
        if (!(shadow instanceof Object[] slots) || shadow instanceof Tensor[]) {
            return null;
        }
        Object[] out = new Object[2 * slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[2 * i] = slots[i];
            out[2 * i + 1] = rows(slots[i]);
        }
        return out;
    }

    /** Puts back the rows {@link #rows} took of {@code shadow}. */
    public static void restoreRows(Object shadow, Object rows) {
        if (rows == null) {
            return;
        }
        Object[] slots = (Object[]) shadow;
        Object[] taken = (Object[]) rows;
        for (int i = 0; i < slots.length; i++) {
            slots[i] = taken[2 * i];
            restoreRows(slots[i], taken[2 * i + 1]);
        }
    }

    /**
     * Sets every double of an array (any rank) to zero, and every tensor of a tensor array to
     * null, as well as the tensor adjoints an {@code Object[]}'s shadow holds in its slots.
     */
    public static void zero(Object array) {
        if (array instanceof double[] a) {
            Arrays.fill(a, 0.0);
        } else if (array instanceof Tensor[] t) {
            Arrays.fill(t, null);
        } else if (array instanceof Object[] rows) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] instanceof Tensor) {
                    rows[i] = null;
                } else if (rows[i] != null) {
                    zero(rows[i]);
                }
            }
        }
    }

    /**
     * Whether a parameter or result of this declared class may hold a differentiable value the
     * class does not show ({@code Object}, {@code Cloneable}, {@code Serializable}, arrays of
     * them): its derivative is that of whatever it holds at run time, {@code null} for a value
     * that carries none.
     */
    public static boolean dynamic(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element == Object.class || element == Cloneable.class || element == java.io.Serializable.class;
    }

    /** Whether values of this class carry derivatives. */
    public static boolean differentiable(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element == double.class || element == Double.class || element == Tensor.class;
    }

    private static IllegalArgumentException unsupported(Object v) {
        return new IllegalArgumentException("not a differentiable value: " + v.getClass().getName()
                + " (use double, double[], double[][], Tensor or Tensor[])");
    }
}
