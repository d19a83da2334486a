package dev.cotangent;

import dev.cotangent.runtime.Values;

import java.util.function.Function;

/**
 * A function's value at a point together with its vector-Jacobian product there, made by
 * {@link DifferentiableFunction#pullback} or {@link AD#vjp(AD.VectorFunction, double[])}:
 * the forward sweep ran once, and each {@link #pull} replays the reverse sweep from its
 * record, so pulling back several cotangents (rows of a Jacobian, say) costs one reverse
 * sweep each. Thread-safe: pulls run one at a time.
 *
 * @since 0.1
 */
public final class Pullback {

    private final DifferentiableFunction function;
    private final Object value;
    private final int arguments;
    private final Function<Object, Object[]> reverse;

    Pullback(DifferentiableFunction function, Object value, int arguments, Function<Object, Object[]> reverse) {
        this.function = function;
        this.value = value;
        this.arguments = arguments;
        this.reverse = reverse;
    }

    /** The function's result at the point (a copy, for arrays). */
    public Object result() {
        return Values.copy(value);
    }

    /**
     * The derivative of {@code ⟨result, cotangent⟩} with respect to each argument, as
     * {@link DifferentiableFunction#vjp} returns it: {@code Double}, array or tensor like the
     * argument, {@code null} for arguments that are not differentiated. The arrays returned
     * are the caller's.
     *
     * @throws IllegalArgumentException if the cotangent does not have the result's structure
     */
    public synchronized Object[] pull(Object cotangent) {
        return reverse.apply(cotangent);
    }

    /**
     * {@code f(x)} of a vector function {@code double[] f(double[] x)} (a copy).
     *
     * @throws IllegalStateException if the function's result is not a {@code double[]}
     */
    public double[] value() {
        if (!(value instanceof double[] y)) {
            throw new IllegalStateException(function.method().getName() + " returns "
                    + function.method().getReturnType().getSimpleName() + ", not double[]: use result()");
        }
        return y.clone();
    }

    /**
     * {@code J(x)ᵀ·v} for a vector function {@code double[] f(double[] x)}: the gradient of
     * {@code ⟨f(x), v⟩}.
     *
     * @throws IllegalArgumentException if {@code v} does not have the result's length
     * @throws IllegalStateException    if the function is not {@code double[] → double[]}
     */
    public double[] apply(double[] v) {
        double[] y = value();
        Class<?>[] types = function.method().getParameterTypes();
        if (arguments != 1 || types[types.length - 1] != double[].class) {
            throw new IllegalStateException(function.method().getName() + " does not take one double[]: use pull()");
        }
        if (v.length != y.length) {
            throw new IllegalArgumentException("cotangent has length " + v.length + " but f(x) has length " + y.length);
        }
        return (double[]) pull(v)[0];
    }
}
