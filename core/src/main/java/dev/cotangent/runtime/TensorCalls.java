package dev.cotangent.runtime;

import dev.cotangent.primitive.Call;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import dev.cotangent.tensor.Tensor;

/**
 * How woven code applies a tensor primitive's rules: it passes the primitive's name, the
 * call's arguments (boxed) and result, and the tangents or cotangent. A {@code null} tangent
 * is zero. Results that are sequences come back as arrays (with {@code null} for zero
 * entries), never as {@code null}, so that woven code can index them.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class TensorCalls {

    private TensorCalls() {}

    /** The tangent of the primitive's result. */
    public static Object jvp(String primitive, Object[] args, Object ans, Object[] tangents) {
        Primitive p = Registry.named(primitive);
        Object t = p.jvp(new Call(args, ans), tangents);
        if (t == null && ans instanceof Tensor[] outputs) {
            return new Tensor[outputs.length];
        }
        return t;
    }

    /** The adjoints of the arguments (one per argument, {@code null} for zero or static). */
    public static Object[] vjp(String primitive, Object[] args, Object ans, Object cotangent) {
        return Registry.named(primitive).vjp(new Call(args, ans), cotangent);
    }

    /**
     * The adjoints of the arguments whose bit is set in {@code wanted} (bit i for argument i);
     * the others are not computed and stay {@code null}, so an inactive argument costs nothing.
     */
    public static Object[] vjp(String primitive, Object[] args, Object ans, Object cotangent, long wanted) {
        Primitive p = Registry.named(primitive);
        Call c = new Call(args, ans);
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length && i < 64; i++) {
            if ((wanted & (1L << i)) != 0) {
                out[i] = p.vjp(c, cotangent, i);
            }
        }
        return out;
    }

    /** {@code a + b} for adjoints, where {@code null} is zero. */
    public static Object sum(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return dev.cotangent.tensor.Np.add((Tensor) a, (Tensor) b);
    }

    /** Adds adjoints ({@code Tensor[]}, null entries zero) into the slots of a tensor array's shadow. */
    public static void sumInto(Object[] shadow, Object adjoints) {
        if (adjoints == null) {
            return;
        }
        Object[] add = (Object[]) adjoints;
        for (int i = 0; i < add.length; i++) {
            shadow[i] = sum(shadow[i], add[i]);
        }
    }
}
