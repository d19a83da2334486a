package dev.cotangent;

import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.runtime.Tape;
import dev.cotangent.runtime.TangentOut;
import dev.cotangent.runtime.Values;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A method and its derivatives, by reflection: what {@link AD#function} returns.
 *
 * <p>Arguments are given as objects: {@code Double} for {@code double}, arrays, tensors, and
 * boxed values for the other parameters. For an instance method the receiver comes first.
 * Differentiable parameters ({@code double}, {@code double[]}, {@code double[][]},
 * {@code Tensor}, {@code Tensor[]}) get derivatives; the others (the receiver, {@code int},
 * {@code long}, {@code boolean}, other objects) get {@code null}. Arguments are never
 * modified, even when the method writes into its arrays: the derivatives run on copies.
 *
 * <p>Instances are thread-safe; the generated code is made on first use and shared.
 *
 * @since 0.1
 */
public final class DifferentiableFunction {

    private final Method method;
    private final Class<?> owner;
    private final boolean isStatic;
    /** Leading arguments bound in advance (a lambda's captured values), not differentiated. */
    private final Object[] bound;
    /** The declared parameter types, receiver first for an instance method. */
    private final List<Class<?>> parameters = new ArrayList<>();
    /** The sweeps' handles, adapted to take their arguments as one array. */
    private final Map<Mode, MethodHandle> spreaders = new ConcurrentHashMap<>();
    /** Which declared parameters carry derivatives (bit i for parameter i): all but bound ones, unless narrowed. */
    private final long active;

    DifferentiableFunction(Method method, Object[] bound) {
        this(method, bound, boundMask(method, bound));
    }

    private DifferentiableFunction(Method method, Object[] bound, long active) {
        this.active = active;
        this.method = method;
        this.owner = method.getDeclaringClass();
        this.isStatic = Modifier.isStatic(method.getModifiers());
        this.bound = bound;
        if (!isStatic) {
            parameters.add(owner);
        }
        parameters.addAll(List.of(method.getParameterTypes()));
        method.setAccessible(true);
    }

    private static long boundMask(Method method, Object[] bound) {
        int declared = bound.length - (Modifier.isStatic(method.getModifiers()) ? 0 : 1);
        return declared <= 0 ? Mode.ALL : Mode.ALL << declared;
    }

    /**
     * This function differentiated with respect to the given arguments only (numbered as
     * they are passed, the receiver first for an instance method), like JAX's
     * {@code argnums}: derivative code is generated for that selection, so the other
     * arguments cost nothing; their gradient entries are {@code null} and their tangents must be.
     *
     * @throws IllegalArgumentException if an index is out of range or not a differentiable parameter
     */
    public DifferentiableFunction withRespectTo(int... argnums) {
        long mask = 0;
        int receiver = Modifier.isStatic(method.getModifiers()) ? 0 : 1;
        for (int a : argnums) {
            int p = a + bound.length - receiver;
            if (a < 0 || a + bound.length >= parameters.size() || p < 0
                    || !carriesDerivative(parameters.get(a + bound.length))) {
                throw new IllegalArgumentException(method.getName() + ": argument " + a
                        + " is not a differentiable parameter");
            }
            mask |= 1L << p;
        }
        return new DifferentiableFunction(method, bound, mask).prepared();
    }

    private boolean selected(int i) {
        int receiver = Modifier.isStatic(method.getModifiers()) ? 0 : 1;
        int p = i - receiver;
        return p >= 0 && (p >= 64 || (active & (1L << p)) != 0);
    }

    /** The method this function differentiates. */
    public Method method() {
        return method;
    }

    /** The method's value at {@code args} (receiver first for an instance method). */
    public Object value(Object... args) {
        Object[] all = withBound(args);
        try {
            return isStatic ? method.invoke(null, all) : method.invoke(all[0], rest(all));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * The tangent of the result (same type as the result) along {@code tangents}, one per
     * argument; {@code null} is a zero tangent, and the only value allowed for an argument
     * that is not differentiable.
     *
     * @throws NotDifferentiableException if the method cannot be differentiated
     * @throws IllegalArgumentException   if the arguments do not fit the method
     */
    public Object jvp(Object[] args, Object[] tangents) {
        Object[] all = withBound(args);
        Object[] allTangents = new Object[all.length];
        System.arraycopy(tangents, 0, allTangents, bound.length, Math.min(tangents.length, args.length));
        if (tangents.length != args.length) {
            throw new IllegalArgumentException(method.getName() + ": " + args.length + " arguments but "
                    + tangents.length + " tangents");
        }
        checkArguments(all);
        List<Object> invocation = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            invocation.add(Values.copy(all[i]));
            if (carriesDerivative(parameters.get(i))) {
                Object t = allTangents[i];
                if (t != null && !selected(i)) {
                    throw new IllegalArgumentException(method.getName() + ": argument " + (i - bound.length)
                            + " is not among those differentiated; its tangent must be null");
                }
                invocation.add(t == null ? zeroTangent(all[i]) : Values.copy(t));
            } else if (allTangents[i] != null) {
                throw new IllegalArgumentException(method.getName() + ": parameter " + (i - bound.length) + " ("
                        + parameters.get(i).getSimpleName() + ") is not differentiable; its tangent must be null");
            }
        }
        TangentOut out = new TangentOut();
        invocation.add(out);
        Object value = invoke(Mode.TANGENT, invocation);
        Class<?> r = method.getReturnType();
        if (r == double.class) {
            return out.real;
        }
        if (Values.differentiable(r) && out.ref == null && r == Tensor.class) {
            return null;
        }
        if (out.ref == null && value != null && value.getClass().isArray() && Values.differentiable(value.getClass())) {
            // An array that carries no derivative came back (a constant): its tangent is zero.
            return Values.zerosLike(value);
        }
        return out.ref;
    }

    /**
     * The gradient of a {@code double}-valued method: one entry per argument, {@code Double},
     * array or tensor of the argument's shape, {@code null} for arguments that are not
     * differentiable.
     *
     * @throws IllegalArgumentException if the method does not return {@code double}
     */
    public Object[] gradient(Object... args) {
        Class<?> r = method.getReturnType();
        if (r != double.class && r != Tensor.class) {
            throw new IllegalArgumentException(method.getName() + " returns " + r.getSimpleName()
                    + "; a gradient needs a double or one-element tensor result (use vjp for other results)");
        }
        return vjp(args, value -> {
            if (value instanceof Tensor t) {
                if (t.size() != 1) {
                    throw new IllegalArgumentException(method.getName() + " returned a tensor of shape "
                            + java.util.Arrays.toString(t.shape()) + "; a gradient needs one element (use vjp)");
                }
                return Tensor.ones(t.shape());
            }
            return 1.0;
        });
    }

    /**
     * The vector-Jacobian product: one entry per argument, the derivative of
     * {@code ⟨result, cotangent⟩} ({@code Double}, array or tensor like the argument);
     * {@code null} for arguments that are not differentiable. Computed in reverse mode: one
     * forward sweep and one reverse sweep, whatever the number of inputs.
     *
     * @throws IllegalArgumentException if the cotangent does not have the result's structure
     */
    public Object[] vjp(Object[] args, Object cotangent) {
        return vjp(args, value -> cotangent);
    }

    /**
     * The value at {@code args} and its pullback {@code cotangent ↦ vjp(args, cotangent)}:
     * the forward sweep runs once, here, and each {@link Pullback#pull} runs one reverse
     * sweep from its record, so several cotangents (rows of a Jacobian, the two halves of a
     * product's VJP) cost one reverse sweep each. The pullback keeps the forward sweep's
     * record (what the reverse sweep reads: a few bytes for a loop over an array, the
     * arguments and results of each tensor operation) until it is dropped.
     *
     * @throws IllegalArgumentException if the method's result has no derivative
     */
    public Pullback pullback(Object... args) {
        Object[] all = withBound(args);
        checkArguments(all);
        Tape tape = new Tape();
        Recorded recorded = forward(all, tape);
        Object resultRows = Values.rows(tape.resultShadow);
        return new Pullback(this, recorded.value(), args.length, cotangent -> {
            Tape replay = tape.replay();
            // A reverse sweep puts back what rows stored into the result replaced: start from its own rows.
            Values.restoreRows(replay.resultShadow, resultRows);
            Values.zero(replay.resultShadow);
            Object[] out = reverse(new Recorded(replay, recorded.shadows(), recorded.value()), all.length, cotangent);
            // The next replay zeroes the shadow arrays these adjoints are: hand out copies.
            for (int i = 0; i < out.length; i++) {
                out[i] = Values.copy(out[i]);
            }
            return out;
        });
    }

    /** Reverse mode with the cotangent chosen once the result is known. */
    private Object[] vjp(Object[] args, java.util.function.UnaryOperator<Object> cotangentFor) {
        Object[] all = withBound(args);
        checkArguments(all);
        Tape tape = Tape.acquire();
        try {
            Recorded recorded = forward(all, tape);
            return reverse(recorded, all.length, cotangentFor.apply(recorded.value()));
        } finally {
            Tape.release(tape);
        }
    }

    /** What a forward sweep leaves for the reverse sweep: its tape, the arguments' shadows, the result. */
    private record Recorded(Tape tape, Object[] shadows, Object value) {}

    /** The outermost forward sweep on copies of {@code all}, recording on {@code tape}. */
    private Recorded forward(Object[] all, Tape tape) {
        if (!carriesDerivative(method.getReturnType())) {
            throw new IllegalArgumentException(method.getName() + " returns " + method.getReturnType().getSimpleName()
                    + ", which has no derivative");
        }
        List<Object> invocation = new ArrayList<>();
        Object[] shadows = new Object[all.length];
        for (int i = 0; i < all.length; i++) {
            Object copy = Values.copy(all[i]);
            invocation.add(copy);
            if (Signatures.mayHoldArray(MethodType.methodType(parameters.get(i)).toMethodDescriptorString().substring(2))) {
                // Null for a value held as Object that is no array (a tensor's adjoint comes back as a value).
                shadows[i] = Values.zeroShadow(copy);
                invocation.add(shadows[i]);
            }
        }
        invocation.add(tape);
        return new Recorded(tape, shadows, invoke(Mode.TOP_FORWARD, invocation));
    }

    /** The outermost reverse sweep from {@code cotangent}: the adjoints of the arguments, as {@link #vjp} returns them. */
    private Object[] reverse(Recorded recorded, int arguments, Object cotangent) {
        Tape tape = recorded.tape();
        Class<?> result = method.getReturnType();
        List<Object> reverse = new ArrayList<>();
        Object value = result == double.class ? (Object) ((Number) recorded.value()).doubleValue() : recorded.value();
        Object given = cotangent instanceof Number n && !(n instanceof Double) ? (Object) n.doubleValue() : cotangent;
        if (!Values.sameStructure(given, value)) {
            throw new IllegalArgumentException(method.getName() + ": the cotangent must be shaped like the result, "
                    + Values.describe(value) + ", not " + Values.describe(cotangent));
        }
        if (result == double.class) {
            reverse.add(((Number) given).doubleValue());
        } else if (result == Tensor.class) {
            reverse.add(cotangent);
        } else {
            if (Values.dynamic(result) && !result.isArray()) {
                // Declared Object: the seed is a tensor's adjoint, the shadow an array's.
                reverse.add(value instanceof Tensor ? cotangent : null);
            }
            if (!(value instanceof Tensor)) {
                Values.addInto(tape.resultShadow, cotangent, recorded.value());
            }
        }
        reverse.add(tape);
        invoke(Mode.TOP_REVERSE, reverse);
        Object[] out = new Object[arguments - bound.length];
        for (int i = arguments - 1; i >= 0; i--) {
            Class<?> p = parameters.get(i);
            Object adjoint = p == double.class ? (Object) tape.popDouble() : p == Tensor.class ? tape.popObject()
                    : recorded.shadows()[i];
            if (Values.dynamic(p) && !p.isArray()) {
                // Declared Object: a tensor's adjoint was pushed, an array's is its shadow.
                Object pushed = tape.popObject();
                adjoint = pushed != null ? pushed : adjoint;
            }
            if (i >= bound.length && carriesDerivative(p) && selected(i)) {
                out[i - bound.length] = adjoint;
            }
        }
        if (!tape.isEmpty()) {
            throw new IllegalStateException("Cotangent: the reverse sweep of " + method.getName()
                    + " left the tape unbalanced");
        }
        return out;
    }

    /**
     * The Hessian-vector product of a static method returning a {@code double} (or a
     * {@code Tensor} of one element): the derivative of {@code ∇f(x)·v} with respect to x, one
     * entry per argument like {@link #gradient} ({@code directions} gives v, one entry per
     * argument, {@code null} for zero). Computed by reverse mode over the tangent code (second
     * order), whose calls to other methods are inlined; recursion and dynamic dispatch are
     * rejected, as are tensor primitives whose rules cannot be differentiated again (those with
     * several outputs, and {@code einsum}). A {@code Tensor} argument's product is a
     * {@code Tensor} of its shape.
     *
     * @throws NotDifferentiableException if the second derivative cannot be generated
     * @throws IllegalArgumentException   if the result is a tensor of more than one element
     */
    public Object[] hvp(Object[] args, Object[] directions) {
        return hvp(args, directions, null);
    }

    /**
     * The Hessian of a static method returning a {@code double} (or a {@code Tensor} of one
     * element), for small inputs: one Hessian-vector product per element of the differentiable
     * arguments ({@link #withRespectTo} chooses them), which are flattened in argument order,
     * each in its own element order ({@code Tensor}: row-major; arrays: by index). Row and
     * column k are the same element, since the matrix is symmetric.
     *
     * @throws NotDifferentiableException if the second derivative cannot be generated
     */
    public double[][] hessian(Object... args) {
        Object[] all = withBound(args);
        checkArguments(all);
        int[] offsets = new int[args.length + 1];
        for (int i = 0; i < args.length; i++) {
            int a = i + bound.length;
            boolean counted = Values.differentiable(parameters.get(a)) && selected(a);
            offsets[i + 1] = offsets[i] + (counted ? Values.size(args[i]) : 0);
        }
        int n = offsets[args.length];
        double[][] h = new double[n][];
        for (int i = 0; i < args.length; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                double[] unit = new double[offsets[i + 1] - offsets[i]];
                unit[k - offsets[i]] = 1.0;
                Object[] directions = new Object[args.length];
                directions[i] = Values.unflatten(unit, args[i]);
                Object[] hv = hvp(args, directions);
                double[] column = new double[n];
                for (int j = 0; j < args.length; j++) {
                    if (offsets[j + 1] > offsets[j] && hv[j] != null) {
                        System.arraycopy(Values.flatten(hv[j]), 0, column, offsets[j], offsets[j + 1] - offsets[j]);
                    }
                }
                h[k] = column;
            }
        }
        return h;
    }

    /**
     * The Hessian-vector product of {@code ⟨f(x), w⟩} for a static method returning a
     * {@code double} or a {@code Tensor}: the derivative of the VJP {@code w ↦ ∇f(x)ᵀw} along
     * v, in one forward and one reverse sweep. {@code cotangent} is w, shaped like the result
     * ({@code null}: 1, for a result of one element).
     *
     * @throws NotDifferentiableException if the second derivative cannot be generated
     * @throws IllegalArgumentException   if w is not shaped like the result
     */
    public Object[] hvp(Object[] args, Object[] directions, Object cotangent) {
        Object[] all = withBound(args);
        checkArguments(all);
        Class<?> result = method.getReturnType();
        if (result != double.class && result != Tensor.class || !Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(method.getName() + ": a Hessian-vector product needs a static method "
                    + "returning double or Tensor");
        }
        if (directions.length != args.length) {
            throw new IllegalArgumentException(method.getName() + ": " + directions.length + " directions for "
                    + args.length + " arguments");
        }
        Object[] allDirections = new Object[all.length];
        System.arraycopy(directions, 0, allDirections, bound.length, directions.length);
        Tape tape = Tape.acquire();
        try {
            List<Object> invocation = new ArrayList<>();
            Object[] shadows = new Object[all.length];
            for (int i = 0; i < all.length; i++) {
                Class<?> p = parameters.get(i);
                Object copy = Values.copy(all[i]);
                invocation.add(copy);
                boolean array = p.isArray() && Values.differentiable(p);
                if (array) {
                    shadows[i] = Values.shadowOf(copy);
                    invocation.add(shadows[i]);
                }
                if (Values.differentiable(p)) {
                    if (allDirections[i] != null && !Values.sameStructure(allDirections[i], all[i])) {
                        throw new IllegalArgumentException(method.getName() + ": direction " + (i - bound.length)
                                + " must be shaped like its argument, " + Values.describe(all[i]) + ", not "
                                + Values.describe(allDirections[i]));
                    }
                    // Second-order code reads its tensor directions: a zero one is zeros, not null.
                    Object d = allDirections[i] != null ? Values.copy(allDirections[i])
                            : all[i] instanceof Tensor t ? Np.zeros_like(t) : zeroTangent(all[i]);
                    invocation.add(d);
                    if (array) {
                        invocation.add(Values.shadowOf(d));
                    }
                }
            }
            invocation.add(tape);
            Object directional = invoke(Mode.HESSIAN_FORWARD, invocation);
            invoke(Mode.HESSIAN_REVERSE, List.of(seed(directional, cotangent), tape));
            Object[] out = new Object[args.length];
            for (int i = all.length - 1; i >= 0; i--) {
                Class<?> p = parameters.get(i);
                if (p == double.class) {
                    tape.popDouble();                       // adjoint of the direction, unused
                    double hv = tape.popDouble();
                    if (i >= bound.length && selected(i)) {
                        out[i - bound.length] = hv;
                    }
                } else if (p == Tensor.class) {
                    tape.popObject();                       // adjoint of the direction, unused
                    Object hv = tape.popObject();
                    if (i >= bound.length && selected(i)) {
                        out[i - bound.length] = hv != null ? hv : Np.zeros_like((Tensor) all[i]);
                    }
                } else if (Values.differentiable(p) && i >= bound.length && selected(i)) {
                    out[i - bound.length] = shadows[i];
                }
            }
            return out;
        } finally {
            Tape.release(tape);
        }
    }

    /** The reverse seed of a Hessian-vector product: w, or 1 for a result of one element. */
    private Object seed(Object directional, Object cotangent) {
        if (directional instanceof Tensor t) {
            if (cotangent == null) {
                if (t.size() != 1) {
                    throw new IllegalArgumentException(method.getName() + " returns " + Values.describe(t) + ", which has "
                            + t.size() + " elements: give the cotangent w of the Hessian-vector product of ⟨f(x), w⟩");
                }
                return Np.ones_like(t);
            }
            if (!Values.sameStructure(cotangent, t)) {
                throw new IllegalArgumentException(method.getName() + ": the cotangent must be shaped like the result, "
                        + Values.describe(t) + ", not " + Values.describe(cotangent));
            }
            return cotangent;
        }
        if (cotangent != null && !(cotangent instanceof Number)) {
            throw new IllegalArgumentException(method.getName() + ": the cotangent of a double result is a number, not "
                    + Values.describe(cotangent));
        }
        return cotangent == null ? 1.0 : ((Number) cotangent).doubleValue();
    }

    /** The gradient by forward mode, one tangent per input element: a reference for tests of reverse mode. */
    Object[] vjpByForwardMode(Object[] args, Object cotangent) {
        double[] v = Values.flatten(cotangent);
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            int p = i + bound.length;
            if (!Values.differentiable(parameters.get(p)) || args[i] == null) {
                continue;
            }
            double[] column = new double[Values.size(args[i])];
            for (int j = 0; j < column.length; j++) {
                double[] unit = new double[column.length];
                unit[j] = 1.0;
                Object[] tangents = new Object[args.length];
                tangents[i] = Values.unflatten(unit, args[i]);
                Object jvp = jvp(args, tangents);
                double[] jv = jvp == null ? new double[v.length] : Values.flatten(jvp);
                double s = 0;
                for (int k = 0; k < v.length; k++) {
                    s += jv[k] * v[k];
                }
                column[j] = s;
            }
            out[i] = Values.unflatten(column, args[i]);
        }
        return out;
    }

    private MethodHandle handle(Mode mode) {
        return Derivatives.of(owner, method.getName(), Derivatives.descriptor(method), mode, active);
    }

    /**
     * Calls the derivative of {@code mode} with {@code args}, through a handle that takes
     * them as one array: {@code invokeWithArguments} would adapt the handle on every call,
     * which cost more than a small tensor product.
     */
    private Object invoke(Mode mode, List<Object> args) {
        MethodHandle h = spreaders.computeIfAbsent(mode, m -> {
            MethodHandle raw = handle(m);
            return raw.asSpreader(Object[].class, raw.type().parameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        });
        try {
            return (Object) h.invokeExact(args.toArray());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resolves the derivatives now, so that a construct that cannot be differentiated is reported here. */
    DifferentiableFunction prepared() {
        handle(Mode.TANGENT);
        if (carriesDerivative(method.getReturnType())) {
            handle(Mode.TOP_FORWARD);
        }
        return this;
    }

    private Object zeroTangent(Object arg) {
        if (arg == null || arg instanceof Tensor) {
            return null;
        }
        if (!Values.differentiable(arg.getClass())) {
            // Held as Object: zeros for the arrays it holds, nothing for what carries no derivative.
            return Values.zeroShadow(arg);
        }
        return Values.zerosLike(arg);
    }

    /**
     * Whether a parameter or result of this declared class carries a derivative: a
     * differentiable type, or {@code Object} (a type variable) holding one at run time.
     */
    private static boolean carriesDerivative(Class<?> type) {
        return Values.differentiable(type) || Values.dynamic(type);
    }

    private void checkArguments(Object[] all) {
        if (all.length != parameters.size()) {
            throw new IllegalArgumentException(method.getName() + " takes " + (parameters.size() - bound.length)
                    + " arguments" + (isStatic ? "" : " (the receiver first)") + ", got " + (all.length - bound.length));
        }
        for (int i = 0; i < all.length; i++) {
            Class<?> p = parameters.get(i);
            Object a = all[i];
            boolean ok = a == null ? !p.isPrimitive() : box(p).isInstance(a);
            if (!ok) {
                throw new IllegalArgumentException(method.getName() + ": argument " + (i - bound.length) + " should be "
                        + p.getSimpleName() + ", got " + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
    }

    private static Class<?> box(Class<?> p) {
        if (!p.isPrimitive()) {
            return p;
        }
        return switch (p.getName()) {
            case "double" -> Double.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }

    private Object[] withBound(Object[] args) {
        if (bound.length == 0) {
            return args;
        }
        Object[] all = new Object[bound.length + args.length];
        System.arraycopy(bound, 0, all, 0, bound.length);
        System.arraycopy(args, 0, all, bound.length, args.length);
        return all;
    }

    private static Object[] rest(Object[] all) {
        Object[] r = new Object[all.length - 1];
        System.arraycopy(all, 1, r, 0, r.length);
        return r;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "DifferentiableFunction[" + owner.getName() + "." + method.getName() + "]";
    }
}
