package dev.cotangent;

import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Tape;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;

/**
 * The gradient of a {@code double[] → double} function, ready for repeated use (an
 * optimiser's inner loop): the woven sweeps are looked up once and called directly, and
 * {@link #valueAndGradient(double[], double[])} writes into the caller's array.
 * Made by {@link AD#gradientFunction}. Thread-safe; {@code x} is never modified.
 *
 * @since 0.1
 */
public final class GradientFunction {

    private static final MethodType FORWARD = MethodType.methodType(double.class, double[].class, double[].class,
            Tape.class);
    private static final MethodType REVERSE = MethodType.methodType(void.class, double.class, Tape.class);

    private final DifferentiableFunction function;
    /** {@code (x, x̄, tape) → f(x)} with any captured receiver bound in; null when the shape is not that. */
    private final MethodHandle forward;
    private final MethodHandle reverse;

    GradientFunction(DifferentiableFunction function, Object[] bound) {
        this.function = function;
        java.lang.reflect.Method m = function.method();
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        boolean simple = m.getReturnType() == double.class && m.getParameterCount() == 1
                && m.getParameterTypes()[0] == double[].class && bound.length == (isStatic ? 0 : 1);
        if (!simple) {
            forward = null;
            reverse = null;
            return;
        }
        String descriptor = Derivatives.descriptor(m);
        MethodHandle f = Derivatives.of(m.getDeclaringClass(), m.getName(), descriptor, Mode.TOP_FORWARD);
        if (!isStatic) {
            f = MethodHandles.insertArguments(f, 0, bound[0]);
        }
        forward = f.asType(FORWARD);
        reverse = Derivatives.of(m.getDeclaringClass(), m.getName(), descriptor, Mode.TOP_REVERSE).asType(REVERSE);
    }

    /**
     * {@code f(x)}, with {@code ∇f(x)} written into {@code gradient} (of {@code x}'s length).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public double valueAndGradient(double[] x, double[] gradient) {
        if (gradient.length != x.length) {
            throw new IllegalArgumentException("gradient has length " + gradient.length + " but x has length "
                    + x.length);
        }
        if (forward == null) {
            double value = (Double) function.value(x.clone());
            System.arraycopy((double[]) function.gradient(x)[0], 0, gradient, 0, x.length);
            return value;
        }
        java.util.Arrays.fill(gradient, 0.0);
        Tape tape = Tape.acquire();
        try {
            // The outermost forward sweep copies x itself if the method writes to it.
            double value = (double) forward.invokeExact(x, gradient, tape);
            reverse.invokeExact(1.0, tape);
            return value;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            Tape.release(tape);
        }
    }

    /** {@code ∇f(x)}, a new array. */
    public double[] gradient(double[] x) {
        double[] g = new double[x.length];
        valueAndGradient(x, g);
        return g;
    }

    /** {@code f(x)}. */
    public double value(double[] x) {
        return (Double) function.value(x.clone());
    }
}
