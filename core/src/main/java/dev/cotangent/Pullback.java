package dev.cotangent;

import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Tape;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * A vector function's value at a point together with its vector-Jacobian product there,
 * made by {@link AD#vjp(AD.VectorFunction, double[])}: the forward sweep ran once, and each
 * {@link #apply} replays the reverse sweep from its record, so pulling back several
 * cotangents (rows of a Jacobian, say) costs one reverse sweep each. Thread-safe.
 *
 * @since 0.1
 */
public final class Pullback {

    private final double[] value;
    private final Tape record;
    private final double[] shadow;
    private final MethodHandle reverse;
    /** For shapes other than a static {@code double[] f(double[])}: each pullback reruns both sweeps. */
    private final DifferentiableFunction general;
    private final double[] point;

    Pullback(DifferentiableFunction f, double[] x) {
        java.lang.reflect.Method m = f.method();
        if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1
                || m.getParameterTypes()[0] != double[].class || m.getReturnType() != double[].class) {
            this.general = f;
            this.point = x.clone();
            this.value = (double[]) f.value(x.clone());
            this.record = null;
            this.shadow = null;
            this.reverse = null;
            return;
        }
        this.general = null;
        this.point = null;
        String descriptor = Derivatives.descriptor(m);
        MethodHandle forward = Derivatives.of(m.getDeclaringClass(), m.getName(), descriptor, Mode.TOP_FORWARD);
        this.reverse = Derivatives.of(m.getDeclaringClass(), m.getName(), descriptor, Mode.TOP_REVERSE);
        this.shadow = new double[x.length];
        Tape tape = new Tape();
        try {
            this.value = (double[]) forward.invoke(x.clone(), shadow, tape);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        this.record = tape;
    }

    /** {@code f(x)} (a copy). */
    public double[] value() {
        return value.clone();
    }

    /**
     * {@code J(x)ᵀ·v}: the gradient of {@code ⟨f(x), v⟩}.
     *
     * @throws IllegalArgumentException if {@code v} does not have the result's length
     */
    public synchronized double[] apply(double[] v) {
        if (v.length != value.length) {
            throw new IllegalArgumentException("cotangent has length " + v.length + " but f(x) has length "
                    + value.length);
        }
        if (general != null) {
            return (double[]) general.vjp(new Object[] {point}, v)[0];
        }
        Tape tape = record.replay();
        Arrays.fill(shadow, 0.0);
        double[] result = (double[]) tape.resultShadow;
        for (int i = 0; i < v.length; i++) {
            result[i] += v[i];
        }
        try {
            reverse.invoke(tape);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return shadow.clone();
    }
}
